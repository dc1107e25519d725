# Paginile publice de informare de sub /help (română).
#
# Scrise pentru public: cuvinte simple, propoziții scurte, fără jargon. Fiecare id începe cu
# `public-`; en/public.ftl definește exact aceleași id-uri.

## Cadrul paginii: ieșire rapidă, antet, navigare, subsol

public-skip = Salt la conținutul principal
public-quick-exit = Ieșire rapidă
public-quick-exit-hint = Trebuie să plecați repede? Apăsați „Ieșire rapidă” sau apăsați de două ori tasta Esc.
public-no-trace-line = Această vizită poate rămâne în istoricul browserului.
public-no-trace-link = Cum să vizitați site-ul fără să lăsați urme
public-site-tagline = Ajutor împotriva traficului de persoane
public-lang-label = Limba
public-nav-label = Pagini de ajutor
public-nav-home = Ce este traficul
public-nav-signs = Semne de urmărit
public-nav-smuggling = Trafic de persoane sau de migranți?
public-nav-report = Cum semnalați
public-nav-no-trace = Fără urme
public-helpline-label = Linia de asistență
public-emergency-label = Urgențe
public-danger-now = Dacă cineva este în pericol imediat, sunați acum la { $emergency }.
public-footer-privacy = Libertas nu înregistrează adresa dumneavoastră IP și nicio informație despre browserul sau dispozitivul dumneavoastră.
public-next-heading = Citiți în continuare

## /help: ce este traficul de persoane

public-home-title = Ce este traficul de persoane?
public-home-lead = Traficul de persoane înseamnă recrutarea, mutarea, ascunderea sau primirea unor oameni pentru ca aceștia să fie exploatați. Este o infracțiune gravă și o încălcare a drepturilor omului. Li se poate întâmpla femeilor, bărbaților și copiilor de orice naționalitate și se poate petrece chiar aproape de casă.
public-home-elements-heading = Trei elemente: fapta, mijloacele și scopul
public-home-elements-intro = Dreptul internațional, prin Protocolul de la Palermo al Organizației Națiunilor Unite (articolul 3), descrie traficul unui adult prin trei elemente. Atunci când toate trei sunt prezente, este vorba de trafic.
public-home-act = Fapta: ce se face
public-home-act-text = Cineva recrutează, transportă, transferă, adăpostește (ascunde sau cazează) ori primește o persoană.
public-home-means = Mijloacele: cum se face
public-home-means-text = Se folosesc amenințări, forța sau alte forme de constrângere, răpirea, frauda, înșelăciunea, abuzul de autoritate ori profitarea de situația vulnerabilă a persoanei sau se plătește cuiva care are control asupra persoanei.
public-home-purpose = Scopul: de ce se face
public-home-purpose-text = Pentru a exploata persoana: de exemplu exploatarea sexuală, munca sau serviciile forțate, servitutea domestică, cerșetoria forțată, obligarea la infracțiuni, sclavia sau practicile asemănătoare sclaviei, aservirea ori prelevarea de organe.
public-home-children-heading = În cazul copiilor nu sunt necesare „mijloacele”
public-home-children-text = Copil este orice persoană sub 18 ani. Dacă un copil este recrutat, mutat, adăpostit sau primit pentru a fi exploatat, este trafic, chiar dacă nu s-au folosit amenințări, forța sau minciuni. Un copil nu poate consimți la propria exploatare.
public-home-consent-heading = Un „da” spus la început nu face fapta legală
public-home-consent-text = Mulți oameni acceptă o călătorie sau un loc de muncă pentru că au fost mințiți sau nu au avut de ales cu adevărat. Dacă s-au folosit amenințări, forța, înșelăciunea sau profitarea de situația lor, acordul lor nu contează (Protocolul de la Palermo, articolul 3 litera b).
public-home-domestic-heading = Nu trebuie trecută nicio graniță
public-home-domestic-text = Traficul are loc și în interiorul unei singure țări, chiar într-un singur oraș. O persoană poate fi traficată fără să-și părăsească vreodată țara. Traficul de persoane nu este același lucru cu migrația ilegală.
public-home-uk-heading = Legea în Regatul Unit
public-home-uk-text = În Regatul Unit, Legea privind sclavia modernă din 2015 pedepsește ca infracțiuni sclavia, aservirea, munca forțată sau obligatorie și traficul de persoane. Potrivit acestei legi, organizarea sau înlesnirea călătoriei cuiva pentru ca acesta să fie exploatat este infracțiune chiar și în cazul unui adult și chiar dacă persoana a fost de acord cu călătoria.
public-home-victims-heading = Oamenii nu se văd întotdeauna ca victime
public-home-victims-text = Mulți oameni traficați nu se consideră victime. Pot simți că datorează bani, le poate fi rușine, se pot teme de poliție sau de expulzare, pot spera că lucrurile se vor îmbunătăți ori pot depinde de cei care îi exploatează pentru muncă și locuință. Unii se tem pentru familia lor. De aceea, îngrijorarea semnalată de altcineva, de exemplu un vecin, un coleg sau un client, poate schimba mult.
public-home-you-heading = Dacă vi se întâmplă dumneavoastră
public-home-you-text = Nu este vina dumneavoastră. Meritați siguranță și ajutor, indiferent de naționalitate sau de situația dumneavoastră legală în țară. Puteți cere ajutor pentru dumneavoastră în aceleași feluri în care oricine poate semnala o îngrijorare.

## /help/signs: semnele de urmărit și indicatorii OIM ai muncii forțate

public-signs-title = Semnele traficului de persoane și ale muncii forțate
public-signs-lead = Niciun semn, luat singur, nu dovedește că cineva este traficat, iar unii oameni prezintă aceste semne din alte motive. Însă mai multe semne împreună sunt un motiv de îngrijorare. Nu trebuie să fiți sigur înainte să semnalați o îngrijorare.
public-signs-spot-heading = Semne pe care le puteți observa
public-signs-spot-intro = Îndrumările din Regatul Unit pentru recunoașterea sclaviei moderne grupează semnele astfel.
public-signs-appearance = Aspectul fizic
public-signs-appearance-text = Persoana poate părea neîngrijită, subnutrită sau retrasă, poate avea răni ori alte semne de abuz fizic sau emoțional ori poartă aceleași haine în fiecare zi sau haine nepotrivite pentru munca pe care o face.
public-signs-isolation = Izolarea
public-signs-isolation-text = Persoanei i se permite rar să iasă singură, pare să fie controlată de altcineva, vorbește rar cu alți oameni, poate să nu-și știe adresa de acasă sau de la muncă ori poate să nu vorbească limba locului.
public-signs-living = Condiții de locuit precare
public-signs-living-text = Persoana poate locui într-o locuință murdară, înghesuită sau supraaglomerată ori poate locui și munci la aceeași adresă.
public-signs-effects = Puține bunuri personale sau deloc
public-signs-effects-text = Persoana are foarte puține lucruri, poate purta aceleași haine în fiecare zi și poate să nu aibă propriile acte de identitate.
public-signs-movement = Libertatea de mișcare este îngrădită
public-signs-movement-text = Persoana are prea puține ocazii să se deplaseze liber, iar pașaportul sau cartea ei de identitate pot fi ținute de altcineva.
public-signs-travel = Ore de deplasare neobișnuite
public-signs-travel-text = Persoana este dusă la muncă și luată înapoi foarte devreme dimineața sau târziu în noapte, adesea în grup, zi de zi.
public-signs-reluctance = Reținerea de a cere ajutor
public-signs-reluctance-text = Persoana evită privirea celorlalți, pare speriată sau nu vrea să vorbească cu străini, se teme de poliție sau de alte autorități, se teme că va fi expulzată sau că familiei sale i se va face rău și nu știe în cine să aibă încredere sau unde să găsească ajutor.
public-signs-ilo-heading = Cele 11 semne ale muncii forțate
public-signs-ilo-intro = Organizația Internațională a Muncii (OIM) enumeră unsprezece semne că o muncă poate fi muncă forțată: muncă pe care o persoană este obligată să o facă sub amenințarea unei pedepse și pe care nu a acceptat-o de bunăvoie. Uneori un singur semn este suficient pentru a indica munca forțată; adesea apar mai multe împreună.
public-ilo-vulnerability = Profitarea de vulnerabilitate
public-ilo-vulnerability-text = Cineva profită de situația slabă a unei persoane pentru a o pune la muncă: de exemplu faptul că nu are un statut legal, nu vorbește limba, este săracă, are o dependență sau depinde de angajator pentru locuință.
public-ilo-deception = Înșelăciunea
public-ilo-deception-text = Persoana a fost mințită în privința postului, a salariului, a condițiilor de muncă sau de locuit ori a locului de muncă.
public-ilo-movement = Îngrădirea libertății de mișcare
public-ilo-movement-text = Persoana este încuiată, supravegheată sau nu are voie să părăsească liber locul de muncă ori locuința.
public-ilo-isolation = Izolarea
public-ilo-isolation-text = Persoana este ținută departe de alți oameni, de familie sau de ajutor, de exemplu într-un loc izolat, ori nu i se spune unde se află.
public-ilo-violence = Violența fizică și sexuală
public-ilo-violence-text = Persoana sau cei din jurul ei sunt loviți, răniți sau abuzați sexual ori sunt obligați să consume droguri sau alcool.
public-ilo-threats = Intimidarea și amenințările
public-ilo-threats-text = Persoana este amenințată cu violența, cu denunțarea la autorități, cu rău făcut familiei sau cu pierderea banilor ori este țipată și umilită.
public-ilo-documents = Reținerea actelor de identitate
public-ilo-documents-text = Angajatorul sau altcineva păstrează pașaportul ori cartea de identitate a persoanei și nu i le dă înapoi când le cere.
public-ilo-wages = Reținerea salariului
public-ilo-wages-text = Plata este reținută, amânată sau tăiată fără un motiv întemeiat, astfel încât persoana nu poate pleca fără să piardă banii care i se cuvin.
public-ilo-debt = Servitutea pentru datorii
public-ilo-debt-text = Persoana trebuie să muncească pentru a plăti o datorie, pentru drum, recrutare, locuință sau mâncare, care tot crește și nu poate fi achitată niciodată.
public-ilo-conditions = Condiții de muncă și de locuit abuzive
public-ilo-conditions-text = Munca sau locuința sunt periculoase, murdare sau degradante, fără protecție, în condiții pe care nimeni nu le-ar accepta de bunăvoie.
public-ilo-overtime = Ore suplimentare excesive
public-ilo-overtime-text = Persoana trebuie să muncească mult mai multe ore sau zile decât permite legea, fără odihnă reală sau zile libere.
public-signs-safety-heading = Aveți grijă de dumneavoastră și de ceilalți
public-signs-safety-text = Nu confruntați persoana pe care o bănuiți și nu încercați să salvați pe cineva singur: îi puteți pune în pericol atât pe ei, cât și pe dumneavoastră. Spuneți oamenilor pregătiți să ajute.

## /help/smuggling: diferența dintre traficul de persoane și traficul de migranți

public-smuggling-title = Traficul de persoane și traficul de migranți: care este diferența?
public-smuggling-lead = Traficul de migranți (numit și călăuzire) și traficul de persoane sunt adesea confundate. Amândouă pot presupune o călătorie și bani, dar sunt infracțiuni diferite. Traficul de migranți se poate transforma în trafic de persoane.
public-smuggling-table-caption = Traficul de migranți și traficul de persoane, comparate
public-smuggling-col-aspect = Întrebarea
public-smuggling-col-smuggling = Traficul de migranți
public-smuggling-col-trafficking = Traficul de persoane
public-smuggling-consent = Persoana a fost de acord?
public-smuggling-consent-smuggling = De obicei da: persoana vrea să fie dusă dincolo și adesea plătește pentru asta.
public-smuggling-consent-trafficking = Persoana nu a fost de acord sau a acceptat doar din cauza amenințărilor, a forței, a minciunilor ori a profitării de situația ei. Acordul unui copil nu contează niciodată.
public-smuggling-exploitation = Persoana este exploatată?
public-smuggling-exploitation-smuggling = Nu: scopul este plata pentru drum.
public-smuggling-exploitation-trafficking = Da: scopul este exploatarea persoanei, pentru sex, muncă, infracțiuni, aservire sau organele ei.
public-smuggling-border = Se trece o graniță?
public-smuggling-border-smuggling = Întotdeauna: persoana este trecută peste o graniță fără drept de intrare.
public-smuggling-border-trafficking = Nu neapărat: o graniță poate fi trecută legal sau ilegal ori persoana poate să nu-și părăsească niciodată țara.
public-smuggling-relationship = Se termină la sosire?
public-smuggling-relationship-smuggling = De obicei da: odată ajunsă, persoana este liberă să plece.
public-smuggling-relationship-trafficking = Nu: controlul continuă și după călătorie, dacă a existat una, adesea prin datorii, amenințări sau acte confiscate.
public-smuggling-wronged = Cine este lezat?
public-smuggling-wronged-smuggling = În principal statul ale cărui reguli de frontieră sunt încălcate, deși migranții sunt adesea în mare pericol pe drum.
public-smuggling-wronged-trafficking = Persoana exploatată: ea este victima unei infracțiuni grave.
public-smuggling-turn-heading = Când traficul de migranți devine trafic de persoane
public-smuggling-turn-text = O călătorie care a început ca trafic de migranți devine trafic de persoane dacă, de exemplu, la sosire persoanei i se spune că datorează mult mai mulți bani și trebuie să-i plătească prin muncă, dacă i se iau actele sau dacă nu i se permite să plece.
public-smuggling-unsure-text = Și migranții trecuți ilegal peste graniță au drepturi și pot avea nevoie de ajutor. Dacă nu sunteți sigur despre ce este vorba, semnalați totuși îngrijorarea: personalul pregătit o va evalua.

## /help/report: cum semnalați

public-report-title = Cum semnalați o îngrijorare
public-report-lead = Nu aveți nevoie de dovezi și nu trebuie să fiți sigur. Spuneți-ne ce ați văzut sau auzit, iar personalul pregătit va decide ce trebuie făcut.
public-report-helpline-heading = Sunați la linia de asistență
public-report-helpline-text = Sunați la { $helpline } ca să vorbiți despre ce ați văzut, să cereți un sfat sau să cereți ajutor pentru dumneavoastră.
public-report-form-heading = Semnalați online, anonim
public-report-form-text = Folosiți formularul de semnalare ca să ne spuneți ce știți. Nu trebuie să vă dați numele sau vreo dată de contact. După ce îl trimiteți, primiți un cod de confirmare: păstrați-l într-un loc sigur și privat, pentru că este singura cale de a citi întrebările noastre și de a le răspunde mai târziu.
public-report-form-link = Deschideți formularul de semnalare
public-report-include-heading = Ce ne ajută, dacă știți
public-report-include-what = ce ați văzut sau auzit și când;
public-report-include-where = unde s-a întâmplat: o adresă, un loc sau un vehicul;
public-report-include-who = persoanele implicate și cum arată;
public-report-include-identifiers = numere de telefon, adrese de e-mail, site-uri, conturi de rețele sociale sau numere de înmatriculare;
public-report-include-danger = dacă cineva este în pericol acum.
public-report-include-note = Spuneți doar ce știți deja. Nu vă puneți în pericol ca să aflați mai multe.
public-report-next-heading = Ce se întâmplă apoi
public-report-next-text = Personalul pregătit citește fiecare semnalare, o compară cu definiția legală a traficului de persoane și decide ce trebuie făcut, de exemplu să o transmită poliției sau serviciilor de sprijin. Nimeni nu vă va contacta decât dacă ați lăsat date de contact și ați spus că este sigur.

## /help/no-trace: cum să nu lăsați urme

public-notrace-title = Cum să nu lăsați urme
public-notrace-lead = Dacă altcineva vă folosește sau vă verifică telefonul ori calculatorul, poate vedea ce site-uri ați vizitat. Pașii de mai jos reduc acest risc, deși niciunul nu este perfect.
public-notrace-exit-heading = Butonul de ieșire rapidă
public-notrace-exit-text = Butonul „Ieșire rapidă” din partea de sus a fiecărei pagini vă duce imediat pe un site cu prognoza meteo. Când JavaScript este activ, apăsarea de două ori a tastei Esc face același lucru, iar pagina pe care o părăsiți este înlocuită în istoric, astfel încât butonul Înapoi nu aduce pe nimeni aici. Fără JavaScript, butonul funcționează în continuare, dar această pagină rămâne în istoric.
public-notrace-private-heading = Folosiți o fereastră privată
public-notrace-private-text = Deschideți o fereastră privată înainte de vizită (numită Incognito în Chrome, InPrivate în Edge și Fereastră privată în Firefox și Safari). Când închideți toate ferestrele private, browserul uită paginile, cookie-urile și datele din formulare folosite în ele. Fișierele descărcate și marcajele create rămân.
public-notrace-history-heading = Ștergeți istoricul
public-notrace-history-text = Dacă nu ați folosit o fereastră privată, ștergeți paginile acestui site din istoricul browserului (în majoritatea browserelor, istoricul se deschide cu Ctrl+H sau cu Cmd+Y pe Mac). Verificați și sugestiile din bara de adrese. Ștergerea întregului istoric poate părea ea însăși suspectă cuiva care verifică, așa că ștergerea doar a acestor pagini poate fi mai sigură.
public-notrace-device-heading = Folosirea dispozitivului altcuiva
public-notrace-device-text = Dacă telefonul sau calculatorul dumneavoastră ar putea fi supravegheat, de exemplu printr-o aplicație instalată de altcineva, folosiți un dispozitiv în care aveți încredere: al unui prieten sau un calculator public dintr-o bibliotecă. Folosiți și acolo o fereastră privată și deconectați-vă din tot ce ați accesat. Calculatoarele de la serviciu sau de la școală pot fi monitorizate.
public-notrace-network-text = Furnizorul de internet sau cel care administrează rețeaua pe care o folosiți, de exemplu un angajator, poate vedea totuși că ați vizitat acest site.
public-notrace-receipt-heading = Codul de confirmare al semnalării
public-notrace-receipt-text = Dacă trimiteți o semnalare, păstrați codul de confirmare acolo unde nimeni altcineva nu îl găsește: oricine îl are poate citi mesajele despre semnalarea dumneavoastră.
public-notrace-libertas-heading = Ce păstrează Libertas despre dumneavoastră
public-notrace-libertas-text = Libertas nu stochează adresa dumneavoastră IP, tipul de browser sau de dispozitiv pe care îl folosiți și nimic altceva despre cine sunteți atunci când citiți aceste pagini sau trimiteți o semnalare. Nu are instrumente de urmărire sau reclame și nu încarcă nimic de pe alte site-uri. De asemenea, aceste pagini îi cer browserului să nu păstreze o copie a lor.
public-notrace-cookie-text = Aceste pagini nu lasă niciun cookie care să rămână după vizită, nici măcar pentru limba aleasă (aceasta este trecută în adresele paginilor). După ce trimiteți un raport, pagina care vă arată chitanța folosește un cookie de unică folosință, șters imediat ce chitanța este afișată, iar chitanța este afișată o singură dată: butonul Înapoi nu o mai arată, și nici ce ați scris.
