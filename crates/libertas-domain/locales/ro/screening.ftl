# Motivele și etichetele evaluării (română).
#
# Fiecare motiv este o propoziție completă pe care operatorul o poate citi apelantului.
# Id-urile corespund `ReasonId` din src/reports/screening/reasons.rs; etichetele sunt
# `screening-{kind}-{code}`, cu cratimă în loc de liniuță jos. Listele vin deja unite.

## Liste

screening-list-and = și

## Motivele care dau verdictul

screening-reason-trafficking = Este trafic de persoane: există o acțiune ({ $acts }), un mijloc ({ $means }) și un scop de exploatare ({ $purposes }), cele trei elemente din Protocolul de la Palermo, articolul 3 litera (a).
screening-reason-trafficking-child = Este trafic de persoane: persoana are { $age ->
        [0] sub un an
        [one] un an
        [few] { $age } ani
       *[other] { $age } de ani
    }, deci este copil, iar o acțiune ({ $acts }) în scop de exploatare ({ $purposes }) este suficientă. Pentru un copil nu este nevoie de mijloace (Protocolul de la Palermo, articolul 3 litera (c)).
screening-reason-possible-age-unknown = Poate fi trafic de persoane: există o acțiune ({ $acts }) și un scop de exploatare ({ $purposes }), dar nu s-a descris niciun mijloc, iar vârsta persoanei nu se cunoaște. Dacă persoana are sub 18 ani, este trafic, pentru că pentru un copil nu este nevoie de mijloace. Stabiliți vârsta și, până atunci, tratați persoana ca pe un copil.
screening-reason-forced-labour = Situația indică muncă forțată: există mijloace ({ $means }) folosite pentru { $purposes }, dar nu s-a descris nicio acțiune precum recrutarea, transportul sau adăpostirea. Dacă cineva a recrutat, a mutat sau a găzduit persoana în acest scop, este și trafic de persoane.
screening-reason-smuggling = Pare a fi trafic de migranți: cineva a fost plătit să organizeze o trecere ilegală a frontierei și nu s-au descris mijloace, semne de muncă forțată sau un scop de exploatare. Traficul de migranți este o infracțiune împotriva statului, nu împotriva persoanei, dar se poate transforma în trafic de persoane.
screening-reason-possible-trafficking = Poate fi trafic de persoane sau muncă forțată: s-au descris unele semne, dar nu toate elementele cerute de definiție. Tratați situația ca posibil trafic și aflați mai multe.
screening-reason-no-indication = Nimic din ce s-a descris până acum nu indică trafic de persoane, muncă forțată sau trafic de migranți. Dacă aflați mai multe, refaceți evaluarea.

## Ce lipsește

screening-reason-missing-act = Nu s-a descris nicio acțiune: nu se spune că cineva ar fi recrutat, transportat, transferat, adăpostit sau primit persoana. Întrebați cum a ajuns persoana în această situație.
screening-reason-missing-means = Nu s-a descris niciun mijloc, cum ar fi amenințări, forță, înșelăciune, datorii, acte luate sau profitarea de vulnerabilitatea persoanei. Un adult este victimă a traficului doar dacă s-au folosit mijloace (Protocolul de la Palermo, articolul 3 litera (a)); pentru un copil nu este nevoie de niciunul.
screening-reason-missing-purpose = Nu s-a descris niciun scop de exploatare, cum ar fi exploatarea sexuală, munca forțată, servitutea domestică, cerșetoria sau infracțiunile forțate, căsătoria forțată sau prelevarea de organe. Întrebați ce este obligată persoana să facă sau ce urma să fie obligată să facă.
screening-reason-child-no-means-needed = Persoana are { $age ->
        [0] sub un an
        [one] un an
        [few] { $age } ani
       *[other] { $age } de ani
    }, deci este copil și nu este nevoie de mijloace: o acțiune și un scop de exploatare sunt suficiente pentru trafic (Protocolul de la Palermo, articolul 3 litera (c)).

## Urgență

screening-reason-in-danger-now = Cineva este în pericol acum: sunați mai întâi la numărul de urgență.
screening-reason-urgent-child = Un copil poate fi victimă a traficului: tratați cazul ca urgent și urmați procedura de protecție a copilului.
screening-reason-urgent-violence = S-a descris violență fizică sau sexuală: tratați cazul ca urgent.

## Indicatori, frontiere, lege și consimțământ

screening-reason-indicators-found = { $count ->
    [one] S-a descris unul dintre cei 11 indicatori OIM ai muncii forțate
   *[other] S-au descris { $count } dintre cei 11 indicatori OIM ai muncii forțate
}: { $indicators }.
screening-reason-means-from-indicators = Aceste semne contează și ca mijloace de trafic: { $indicators } (ca { $means }).
screening-reason-indicators-not-means = Luate singure, aceste semne de muncă forțată nu sunt mijloace de trafic: { $indicators }.
screening-reason-smuggling-with-signs = Cineva a fost plătit să organizeze o trecere ilegală a frontierei, dar există și semne de exploatare, deci nu este doar trafic de migranți: acesta nu exclude traficul de persoane.
screening-reason-ask-free-on-arrival = Întrebați dacă persoana a fost liberă să plece și să-și vadă de drum după sosire: dacă nu, acesta este un semn de trafic de persoane, nu de trafic de migranți.
screening-reason-not-free-on-arrival = Persoana nu a fost liberă să plece după sosire, ceea ce este un semn de trafic de persoane sau de muncă forțată, nu de trafic de migranți.
screening-reason-uk-no-means-for-adults = Potrivit Legii britanice privind sclavia modernă din 2015 (Modern Slavery Act 2015), secțiunea 2, care se aplică aici, nici pentru adulți nu este nevoie de mijloace: organizarea sau facilitarea călătoriei cuiva în vederea exploatării sale este infracțiune chiar dacă persoana a fost de acord. Aceasta poate fi trafic de persoane potrivit legii naționale.
screening-reason-consent-irrelevant = Acordul persoanei nu schimbă această evaluare: odată ce s-a folosit oricare dintre mijloace, consimțământul la exploatare nu contează (Protocolul de la Palermo, articolul 3 litera (b)). Întrebați cu atenție despre amenințări, înșelăciune, datorii sau dependență.
screening-reason-consent-child = Acordul copilului nu schimbă această evaluare: un copil nu poate consimți la propria exploatare și nu este nevoie de mijloace (Protocolul de la Palermo, articolul 3 litera (c)).


## Etichete: acțiuni

screening-act-recruitment = recrutare
screening-act-transportation = transport
screening-act-transfer = transfer
screening-act-harbouring = adăpostire
screening-act-receipt = primire

## Etichete: mijloace

screening-means-threat = amenințări
screening-means-force = forță
screening-means-coercion = constrângere
screening-means-abduction = răpire
screening-means-fraud = fraudă
screening-means-deception = înșelăciune
screening-means-abuse-of-power = abuz de autoritate
screening-means-abuse-of-vulnerability = abuz de o situație de vulnerabilitate
screening-means-payment-to-controller = plăți către cineva care are control asupra persoanei

## Etichete: scopuri

screening-purpose-sexual-exploitation = exploatare sexuală
screening-purpose-online-sexual-exploitation = exploatare sexuală online
screening-purpose-forced-labour = muncă forțată
screening-purpose-domestic-servitude = servitute domestică
screening-purpose-forced-begging = cerșetorie forțată
screening-purpose-forced-criminality = obligarea la comiterea de infracțiuni
screening-purpose-forced-marriage = căsătorie forțată
screening-purpose-slavery = sclavie
screening-purpose-servitude = servitute
screening-purpose-organ-removal = prelevare de organe

## Etichete: indicatorii OIM

screening-indicator-abuse-of-vulnerability = abuzul de vulnerabilitate
screening-indicator-deception = înșelăciune
screening-indicator-restriction-of-movement = restrângerea libertății de mișcare
screening-indicator-isolation = izolare
screening-indicator-physical-and-sexual-violence = violență fizică și sexuală
screening-indicator-intimidation-and-threats = intimidare și amenințări
screening-indicator-retention-of-identity-documents = reținerea actelor de identitate
screening-indicator-withholding-of-wages = reținerea salariilor
screening-indicator-debt-bondage = servitute pentru datorii
screening-indicator-abusive-working-and-living-conditions = condiții abuzive de muncă și de viață
screening-indicator-excessive-overtime = ore suplimentare excesive
