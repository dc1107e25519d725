# Susținători: înscrierea publică la noutăți prin e-mail, paginile de confirmare și dezabonare,
# mesajele trimise și pagina cu coada de e-mailuri pentru personalul de relații cu susținătorii
# (română). Aceleași id-uri ca en/supporters.ftl.

## /updates/signup

updates-signup-title = Noutăți prin e-mail
updates-signup-intro = Primiți vești de la noi prin e-mail. Vă trimitem mai întâi un singur mesaj pentru a vă confirma adresa; nu trimitem nimic altceva până nu folosiți linkul din el.
updates-signup-email = Adresa dvs. de e-mail
updates-signup-name = Numele dvs. (opțional)
updates-signup-interests = Despre ce doriți să aflați?
updates-signup-interest-stories = Povești din teren
updates-signup-interest-events = Evenimente în zona dvs.
updates-signup-interest-involved = Ocazii de a vă implica
updates-signup-region = Zona dvs. (pentru evenimente)
updates-signup-region-hint = Un oraș, un județ sau o regiune. Necesar doar pentru evenimente.
updates-signup-language = Limba mesajelor
updates-signup-consent = Prin înscriere sunteți de acord să păstrăm adresa, numele și alegerile dvs. pentru a vă trimite aceste noutăți, până vă dezabonați. Fiecare mesaj are un link de dezabonare dintr-un singur clic.
updates-signup-submit = Înscriere
updates-signup-error-summary = Verificați câmpul marcat mai jos.
updates-signup-error-email = Introduceți o adresă de e-mail de forma nume@exemplu.org.
updates-signup-error-name = Numele poate avea cel mult 200 de caractere.
updates-signup-error-interests = Alegeți cel puțin un tip de noutăți.
updates-signup-error-region = Numiți zona despre ale cărei evenimente doriți să aflați (cel mult 100 de caractere).
updates-signup-error-language = Alegeți o limbă.
updates-signup-too-many = Prea multe înscrieri din rețeaua dvs. Încercați din nou peste { $minutes } minute.
updates-signup-sent-title = Verificați-vă căsuța de e-mail
updates-signup-sent = Dacă adresa poate primi noutățile noastre, un mesaj pentru confirmarea ei este pe drum. Folosiți linkul din el în { $hours } de ore pentru a începe să primiți noutăți. Dacă nu primiți nimic, căutați în dosarul de spam.

## /updates/confirm/…

updates-confirm-title = Confirmați înscrierea
updates-confirm-intro = Apăsați butonul pentru a confirma că doriți să primiți noutățile noastre prin e-mail.
updates-confirm-submit = Confirm
updates-confirmed-title = Sunteți înscris(ă)
updates-confirmed = Vă mulțumim. Adresa dvs. este confirmată și veți primi noutățile alese. Fiecare mesaj are un link de dezabonare.
updates-confirm-used = Acest link a fost deja folosit. Înscrierea a fost confirmată atunci; nu mai trebuie făcut nimic.
updates-confirm-expired = Acest link a expirat. Înscrieți-vă din nou pentru a primi unul nou.
updates-confirm-unknown = Acest link nu este valid. Verificați că a fost copiat întreg sau înscrieți-vă din nou.
updates-signup-again = Înscrieți-vă din nou

## /updates/unsubscribe/…

updates-unsubscribe-title = Dezabonare
updates-unsubscribe-intro = Apăsați butonul pentru a opri toate noutățile prin e-mail către această adresă.
updates-unsubscribe-submit = Dezabonare
updates-unsubscribed-title = V-ați dezabonat
updates-unsubscribed = Nu veți mai primi noutăți de la noi.
updates-unsubscribe-unknown = Acest link nu este valid. Verificați că a fost copiat întreg.
updates-unsubscribe-test = Acesta este linkul de dezabonare al unui mesaj de test: nu dezabonează pe nimeni. În actualizarea propriu-zisă, aici se află linkul propriu al fiecărui destinatar.

## Mesaje trimise

updates-mail-confirm-subject = Vă rugăm să confirmați noutățile prin e-mail
updates-mail-confirm-hello = Bună ziua,
updates-mail-confirm-body = Cineva, probabil dvs., a cerut să primească noutățile noastre la această adresă. Pentru confirmare, deschideți acest link și apăsați „Confirm”:
updates-mail-confirm-expiry = Linkul funcționează { $hours } de ore.
updates-mail-confirm-ignore = Dacă nu ați cerut acest lucru, ignorați mesajul: nu veți mai primi nimic de la noi.
updates-mail-unsubscribe = Pentru a opri toate mesajele către această adresă:

## /supporters (personal)

supporters-title = Susținători
supporters-outbox = Coada de e-mailuri
supporters-outbox-queued = În așteptare
supporters-outbox-sent = Trimise
supporters-outbox-failed = Eșuate definitiv
supporters-outbox-retrying = Dintre cele în așteptare, eșuate cel puțin o dată
supporters-outbox-no-smtp = Nu este configurat niciun server de e-mail: mesajele rămân în coadă până când se setează unul în libertas.toml ([mail]).
supporters-outbox-smtp = Mesajele se trimit prin { $host }.
supporters-counts = Susținători
supporters-pending = Așteaptă confirmarea
supporters-subscribed = Abonați
supporters-unsubscribed = Dezabonați
supporters-erased = Șterși la cerere
supporters-donors = Donatori (doar donații, fără noutăți)
supporters-erase = Ștergerea unui susținător la cerere
supporters-erase-intro = Când cineva cere să fie uitat, introduceți adresa cu care s-a înscris. Cheia datelor sale este distrusă: adresa, numele și mesajele sale nu mai pot fi citite nicăieri, nici în copiile de siguranță vechi, iar mesajele sale în așteptare sunt eliminate. Numărul rămâne, fără persoană. Se poate înscrie din nou mai târziu ca susținător nou.
supporters-erase-email = Adresa sa de e-mail
supporters-erase-find = Găsiți susținătorul
supporters-erase-invalid = Introduceți o adresă de e-mail de forma nume@example.org.
supporters-erase-question = Ștergeți susținătorul cu adresa { $address }? Acțiunea nu poate fi anulată.
supporters-erase-button = Ștergeți acest susținător
supporters-erase-done = Susținătorul a fost șters.

# The subject of a test send of an update starts with this.
updates-mail-test-prefix = [Test]

## Updates staff compose for supporters (/supporters/updates).
supporters-updates-link = Noutăți pentru susținători
updates-list-title = Noutăți pentru susținători
updates-new = Scrieți o noutate
updates-none = Nu a fost scrisă încă nicio noutate.
updates-created = Scrisă
updates-status = Stare
updates-languages = Limbi
updates-audience = Destinatari
updates-recipients = destinatari
updates-status-draft = Ciornă
updates-status-scheduled = Programată pentru
updates-status-sending = Se trimite
updates-status-sent = Trimisă
updates-edit-title = Modificați noutatea
updates-compose-intro = Scrieți noutatea în fiecare limbă aleasă de susținători. Fiecare o primește în limba aleasă la înscriere; cine are o limbă care lipsește nu primește nimic, așa că adăugați toate limbile pe care le puteți.
updates-compose-error-summary = Noutatea nu a fost salvată: vedeți câmpul marcat mai jos.
updates-compose-error-subject = Scrieți un subiect de cel mult 200 de caractere sau lăsați goale ambele câmpuri ale acestei limbi.
updates-compose-error-body = Scrieți textul (cel mult 20.000 de caractere) sau lăsați goale ambele câmpuri ale acestei limbi.
updates-compose-error-interests = Alegeți cui îi este destinată noutatea.
updates-compose-error-region = O regiune poate restrânge doar o noutate numai despre evenimente (cel mult 100 de caractere).
updates-subject = Subiect
updates-body = Text (Markdown)
updates-compose-markdown = Markdown: **aldin**, *cursiv*, [textul linkului](https://…), liste cu „- ”. HTML-ul și imaginile nu se trimit; linkurile se trimit exact cum sunt scrise.
updates-region = Regiune (doar pentru evenimente)
updates-region-hint = Opțional. Primesc noutatea doar susținătorii a căror regiune conține acest cuvânt, de ex. „Iasi” ajunge la „județul Iași”.
updates-save = Salvați ciorna
updates-page-title = Noutate pentru susținători
updates-done-test = Testul este în drum spre adresa introdusă.
updates-done-scheduled = Noutatea este programată.
updates-done-unscheduled = Noutatea este din nou ciornă.
updates-done-sending = Noutatea se trimite.
updates-progress = Progres
updates-skipped = omiși: niciun text în limba lor
updates-skipped-hint = Mesajele din coadă pleacă câte puțin; reîncărcați pagina pentru a le urmări.
updates-actions = Test, programare sau trimitere
updates-test-address = Trimiteți un test la (testul este marcat ca atare și nu se numără)
updates-test-language = În
updates-test-send = Trimiteți un test
updates-schedule-at = Trimitere la (ora locală a organizației)
updates-schedule = Programați
updates-unschedule = Anulați programarea
updates-send-now = Trimiteți acum destinatarilor
updates-preview = Previzualizare
updates-preview-text = Versiunea text
updates-error-address = Introduceți o adresă de e-mail validă.
updates-error-test-lang = Alegeți o limbă în care este scrisă noutatea.
updates-error-send-at = Alegeți o dată și o oră din viitor.
supporters-lift = Ridicarea unei suprimări
supporters-lift-intro = O adresă este suprimată când furnizorul de e-mail a raportat o respingere definitivă sau o reclamație: nu i se trimite nimic, nici măcar o confirmare. Ridicați suprimarea doar când căsuța funcționează din nou sau când persoana care a reclamat a cerut în scris să primească iar vești de la noi. Mesajele anulate de suprimare nu se trimit din nou.
supporters-lift-email = Adresa suprimată
supporters-lift-find = Ridicați suprimarea
supporters-lift-question = Trimitem din nou mesaje la { $address }?
supporters-lift-button = Ridicați suprimarea
supporters-lift-done = Suprimarea a fost ridicată.
supporters-lift-none = Adresa aceasta nu este suprimată.
updates-done-story = Alegerea poveștii a fost salvată.
updates-error-story = Această actualizare include o poveste retrasă sau care nu mai este publicată: alegeți altă poveste sau niciuna.
updates-story = Povestea unui supraviețuitor de inclus
updates-story-none = Nicio poveste
updates-story-hint = Sunt afișate numai poveștile publicate cu consimțământul supraviețuitorului pentru povestire. Pseudonimul și textul se adaugă după text în fiecare limbă.
updates-story-choose = Salvați alegerea poveștii
updates-story-included = Această actualizare include povestea spusă sub numele { $name }, adăugată după text la trimiterea fiecărui mesaj.
updates-story-withdrawn = Povestea supraviețuitorului din această actualizare a fost retrasă: actualizarea nu mai poate fi trimisă cu ea. Retrasă:
updates-story-withdrawn-sent = { $count } mesaje plecaseră deja cu ea.

## Gifts (supporters/gifts)
gifts-title = Donații
gifts-link = Donații și donații regulate
gifts-find = Căutați un donator
gifts-email = Adresa de e-mail a donatorului
gifts-find-button = Arătați donațiile
gifts-find-invalid = Introduceți o adresă de e-mail de forma nume@example.org.
gifts-find-none = Niciun susținător al acestei organizații nu are această adresă.
gifts-record = Înregistrați o donație
gifts-record-intro = Pentru bani primiți în mână, prin cec sau printr-un transfer văzut în extras. Un donator încă necunoscut este înregistrat fără consimțământ pentru e-mail: nu primește nimic de la noi.
gifts-name = Numele (opțional)
gifts-amount = Suma
gifts-currency = Moneda (cod ISO, de exemplu RON)
gifts-method = Modalitatea
gifts-received = Primită la
gifts-frequency = Frecvența
gifts-frequency-once = Donație unică
gifts-frequency-monthly = Lunar
gifts-frequency-quarterly = Trimestrial
gifts-frequency-annual = Anual
gifts-method-card = Card
gifts-method-direct_debit = Debit direct
gifts-method-bank_transfer = Transfer bancar
gifts-method-standing_order = Ordin de plată programat
gifts-method-cash = Numerar
gifts-method-cheque = Cec
gifts-method-other = Altă modalitate
gifts-record-button = Înregistrați donația
gifts-error-summary = Donația nu a fost înregistrată: corectați câmpul marcat mai jos.
gifts-error-email = Introduceți adresa de e-mail a unui susținător al acestei organizații sau a unui donator nou, de forma nume@example.org.
gifts-error-name = Introduceți un nume de cel mult 200 de caractere sau lăsați câmpul gol.
gifts-error-amount = Introduceți o sumă mai mare decât zero, de exemplu 25.00, cu cel mult atâtea zecimale câte are moneda.
gifts-error-currency = Introduceți un cod de monedă ISO 4217 cu majuscule, de exemplu RON, EUR sau GBP.
gifts-error-method = Alegeți o modalitate.
gifts-error-received = Introduceți data în forma AAAA-LL-ZZ.
gifts-error-frequency = Alegeți o frecvență.
gifts-giving-title = Donațiile unui donator
gifts-recorded = Donația a fost înregistrată.
gifts-cancelled = Donația regulată a fost anulată.
gifts-regular = Donații regulate
gifts-regular-none = Nicio donație regulată.
gifts-start = Din
gifts-status = Stare
gifts-next-due = Activă, următoarea la { $date }
gifts-cancel-by = Cine a cerut
gifts-cancel-button = Anulați această donație regulată
gifts-cancelled-by-donor = Anulată la cererea donatorului
gifts-cancelled-by-staff = Anulată de personal
gifts-cancelled-by-provider = Anulată de procesatorul de plăți
gifts-cancelled-by-erasure = Încheiată: donatorul a fost șters
gifts-list = Donații
gifts-none = Nicio donație înregistrată.
gifts-recorded-by = Înregistrată de
gifts-by-staff = Personal
gifts-by-import = Import
gifts-by-webhook = Procesatorul de plăți

gifts-notices = Donații regulate anulate de donatori
gifts-notices-none = Niciun donator nu a anulat o donație regulată în portal de când acestea au fost marcate ca văzute.
gifts-notice-date = Anulată la
gifts-notice-donor = Donator
gifts-notice-giving = Donațiile sale
gifts-notice-seen-button = Marcați ca văzută (anulată { $date })
gifts-notice-seen = Marcată ca văzută.
