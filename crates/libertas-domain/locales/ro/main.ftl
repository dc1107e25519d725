# Interfața Libertas pentru personal, română.
app-name = Libertas
skip-to-content = Salt la conținut
demo-banner = Date demonstrative: toate persoanele și cazurile de aici sunt inventate. Al doilea factor este dezactivat în modul demonstrativ.
nav-label = Principal
nav-home = Cazurile mele
nav-audit = Jurnal de audit
signed-in-as = Conectat ca { $user }
logout = Deconectare
back-home = Înapoi la pagina de start

error-not-found = Nu a fost găsit
error-not-found-help = Această pagină nu există sau nu aveți acces la ea.
error-forbidden = Nepermis
error-forbidden-help = Rolul dumneavoastră nu permite această acțiune sau formularul a expirat. Reveniți, reîncărcați pagina și încercați din nou.
error-bad-request = Ceva din formular nu este corect
error-bad-request-help = Reveniți și verificați ce ați introdus.
error-internal = Ceva nu a funcționat
error-internal-help = Nimic din ce era deja salvat nu s-a pierdut. Încercați din nou peste câteva momente.

login-title = Autentificare
login-submit = Autentificare
login-failed = Nume de utilizator sau parolă greșite, ori prea multe încercări: așteptați câteva minute și încercați din nou.
login-expired = Formularul de autentificare a expirat. Încercați din nou.
field-username = Nume de utilizator
field-password = Parolă
field-code = Codul de șase cifre sau un cod de recuperare
field-current-password = Parola actuală
field-new-password = Parola nouă (cel puțin 12 caractere)
field-repeat-password = Repetați parola nouă

totp-title = Al doilea pas: codul dumneavoastră
totp-help = Deschideți aplicația de autentificare și introduceți codul de șase cifre pentru Libertas sau unul dintre codurile de recuperare.
totp-submit = Continuare
totp-wrong = Codul nu este corect sau a fost deja folosit. Încercați codul următor.

enrol-title = Configurați al doilea factor
enrol-help = Adăugați Libertas într-o aplicație de autentificare (de exemplu Aegis, FreeOTP sau Google Authenticator) tastând cheia secretă de mai jos, apoi introduceți codul afișat de aplicație.
enrol-secret = Cheie secretă
enrol-uri = Legătură de configurare
enrol-submit = Confirmare

recovery-title = Codurile dumneavoastră de recuperare
recovery-help = Păstrați aceste coduri într-un loc sigur, offline. Fiecare vă permite o singură autentificare dacă vă pierdeți telefonul. Sunt afișate doar acum.
recovery-continue = Le-am salvat: continuare

password-title = Alegeți o parolă nouă
password-help = Înainte de a continua, înlocuiți parola primită cu una pe care doar dumneavoastră o cunoașteți.
password-submit = Schimbare parolă
password-mismatch = Cele două parole noi diferă.
password-too-short = Parola nouă trebuie să aibă cel puțin 12 caractere.
password-wrong-current = Parola actuală nu este corectă.
password-same = Parola nouă trebuie să difere de cea actuală.

home-title = Cazurile mele
home-my-cases = Cazuri la care lucrez
home-no-cases = Nu sunteți încă membru al niciunui caz.
home-new-case = Deschideți un caz nou
home-create-case = Deschidere caz
home-no-case-work = Rolul dumneavoastră nu lucrează la cazuri, așa că aici nu sunt afișate date personale.

case-title = Titlu
case-status = Stare
case-updated = Ultima modificare
case-owner = Responsabil: { $user }
case-people = Persoane
case-no-people = Nicio persoană înregistrată încă.
case-add-person = Adăugați o persoană
case-add-person-submit = Adăugare persoană
case-notes = Note
case-no-notes = Nicio notă încă.
case-new-note = Notă nouă
case-add-note = Adăugare notă
case-members = Membri
case-add-member = Adăugare membru
case-error-note = Nota nu poate fi goală.
case-error-member = Niciun coleg cu acest nume de utilizator nu poate lucra la cazuri.
case-error-person-given-name = Introduceți prenumele persoanei.
case-error-person-family-name = Introduceți numele de familie al persoanei.
case-error-person-birth-date = Data nașterii trebuie să fie o dată reală, nu în viitor.
case-error-person-phone = Numărul de telefon nu este valid.
case-error-person-email = Adresa de e-mail nu este validă.
case-error-person-role = Alegeți rolul persoanei.

person-title = Persoană
person-name = Nume
person-role = Rol
person-status = Statut privind traficul
person-given-name = Prenume
person-family-name = Nume de familie
person-birth-date = Data nașterii
person-gender = Gen
person-citizenship = Cetățenie
person-languages = Limbi
person-phone = Telefon
person-email = E-mail
person-identity-numbers = Numere de identitate
person-cases = Cazuri
person-erased = Datele acestei persoane au fost șterse.
person-erased-short = (șters)

role-victim = Victimă
role-suspect = Suspect
role-witness = Martor
role-reporter = Persoană care a raportat
status-PossibleVictimOfTrafficking = Posibilă victimă a traficului
status-ActualVictimOfTrafficking = Victimă identificată a traficului
status-NotAVictimOfTrafficking = Nu este victimă a traficului
gender-Feminine = Feminin
gender-Masculine = Masculin
gender-TransgenderFeminine = Femeie transgen
gender-TransgenderMasculine = Bărbat transgen
gender-NonConforming = Nonconform
gender-NonSpecifiedUnknown = Nespecificat

audit-title = Jurnal de audit
audit-help = Fiecare citire și modificare a datelor personale este înregistrată aici. Introduceți identificatorul unei persoane, al unui caz sau al unui utilizator pentru a vedea cine l-a deschis și când.
audit-object = Identificator
audit-search = Afișare
audit-when = Când
audit-who = Cine
audit-action = Acțiune
audit-why = De ce

case-page-title = Caz
login-public-hint = Nu faceți parte din personal?
login-public-report = Semnalați o îngrijorare
login-public-help = Ce este traficul și cum îl recunoașteți
