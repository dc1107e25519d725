# Duplicate și comasări (people/duplicates)
dupes-title = Posibile înregistrări duplicate
dupes-help = Perechi de persoane pe care verificarea de duplicate le consideră probabil aceeași persoană. Vedeți o pereche complet doar dacă lucrați la un caz al fiecărei înregistrări; altfel întrebați colegii numiți.
dupes-job-heading = Verificarea de duplicate
dupes-job-none = Verificarea de duplicate nu a rulat încă.
dupes-job-how = Un administrator o pornește pe server, noaptea sau la cerere:
dupes-job-running = În lucru: { $stage }. Pagina se reîncarcă singură.
dupes-job-failed = Ultima rulare a eșuat. Cereți unui administrator să o pornească din nou.
dupes-job-done = Ultima rulare s-a încheiat: { $n ->
    [one] o pereche
    [few] { $n } perechi
   *[other] { $n } de perechi
} de verificat.
dupes-job-people = { $n ->
    [one] o persoană comparată
    [few] { $n } persoane comparate
   *[other] { $n } de persoane comparate
}.
dupes-stage-reading = citirea înregistrărilor
dupes-stage-training = învățarea din date
dupes-stage-scoring = compararea perechilor
dupes-stage-clustering = gruparea
dupes-stage-storing = salvarea perechilor
dupes-stage-done = gata
dupes-stage-failed = eșuat
dupes-open-heading = Perechi de verificat
dupes-none = Nicio pereche de verificat.
dupes-record-a = Înregistrarea mai veche
dupes-record-b = Înregistrarea mai nouă
dupes-score = Probabilitate
dupes-action = Pasul următor
dupes-review = Verificați
dupes-your-record = Înregistrarea dvs.
dupes-not-yours = O înregistrare dintr-un caz la care nu lucrați
dupes-ask = Întrebați: { $who }
dupes-merges-heading = Comasări
dupes-merges-none = Nicio comasare încă.
dupes-merged-record = Înregistrare comasată
dupes-kept-record = înregistrarea păstrată
dupes-undo = Anulați comasarea
dupes-undone = anulată
dupes-pair-title = Este aceeași persoană?
dupes-pair-score = Probabilitate: { $score }.
dupes-pair-fields = La fel: { $fields }.
dupes-merge-help = Comasarea păstrează ambele înregistrări și istoricul lor; înregistrarea mai veche primește datele care îi lipseau. O comasare poate fi anulată.
dupes-merge = Comasați în înregistrarea mai veche
dupes-dismiss = Nu este aceeași persoană
dupes-back = Înapoi la perechi
dupes-field-given-name = prenume
dupes-field-family-name = nume de familie
dupes-field-birth-date = data nașterii
dupes-field-phone = telefon
dupes-field-email = e-mail
dupes-field-identity-numbers = număr de identitate
dupes-field-gender = gen
people-duplicates-link = Posibile înregistrări duplicate

person-merged-in = O altă înregistrare a acestei persoane a fost comasată în aceasta pe { $date }.
person-merged-into = Această înregistrare a fost comasată într-o altă înregistrare a aceleiași persoane pe { $date }.
person-merge-other = Deschideți cealaltă înregistrare
dupes-job-start = Porniți acum verificarea de duplicate
