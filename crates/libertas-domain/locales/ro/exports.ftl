# Exports (ro): pagina de export, o listă ca fișier CSV sau XLSX.
exports-title = Exportă o listă
exports-help = Descărcați ca fișier o listă pe care o puteți vedea: aceleași rânduri pe care vi le arată pagina ei. Fiecare export este înregistrat în jurnalul de audit.
exports-list = Lista
exports-list-cases = Cazuri
exports-list-people = Persoane
exports-list-tasks = Sarcini deschise
exports-list-referrals = Trimiteri
exports-list-services = Servicii de asistență
exports-list-trainings = Instruiri
exports-format = Formatul fișierului
exports-format-csv = CSV (valori separate prin virgulă)
exports-format-xlsx = Registru Excel (XLSX)
exports-personal = Includeți datele personale (nume, date de naștere, contacte, titluri și note)
exports-passphrase-heading = Parola fișierului
exports-passphrase-help = Cu date personale, fișierul este o arhivă ZIP criptată cu AES-256. Se deschide doar cu această parolă:
exports-passphrase-once = Notați-o sau copiați-o acum și păstrați-o separat de fișier. Este afișată doar aici și nu este păstrată de Libertas; fiecare vizită pe această pagină creează una nouă.
exports-no-personal = Rolul dumneavoastră nu exportă date personale: fișierul conține doar coduri, date și numărători.
exports-submit = Exportă lista
exports-error-list = Alegeți una dintre liste.
exports-error-format = Alegeți CSV sau XLSX.
exports-error-personal = Acest câmp poate fi doar bifat sau lăsat gol.
exports-error-passphrase = Parola nu este cea creată de această pagină. Folosiți-o pe cea nouă afișată aici.
home-link-exports = Exportă o listă
exports-error-busy-user = Aveți deja 3 exporturi în lucru sau care așteaptă să fie descărcate. Descărcați-le sau așteptați să fie șterse (la 15 minute după ce au fost gata), apoi încercați din nou.
exports-error-busy-server = Serverul pregătește sau păstrează acum atâtea exporturi cât poate. Încercați din nou în câteva minute.
# The job page: an export running in the background, then its download.
exports-job-title = Exportul dvs.
exports-job-what-personal = { $what }, cu date personale (ZIP criptat)
exports-job-status = Progres
exports-job-progress-label = Înregistrări citite
exports-job-progress = { $done } din { $total ->
    [one] { $total_text } înregistrare
    [few] { $total_text } înregistrări
   *[other] { $total_text } de înregistrări
}
exports-job-waiting = Se așteaptă mai întâi terminarea unui alt export.
exports-job-reading = Se numără înregistrările…
exports-job-writing = Toate înregistrările au fost citite; fișierul se scrie…
exports-job-stopped = Exportul s-a oprit.
exports-job-failed-forbidden = Rolul dvs. nu mai poate exporta această listă, așa că exportul a fost oprit și nu s-a creat niciun fișier.
exports-job-failed-internal = Ceva nu a mers bine pe server în timpul pregătirii fișierului, așa că nu s-a creat niciun fișier și nu s-a păstrat nimic. Încercați din nou; dacă se repetă, spuneți-i administratorului când s-a întâmplat.
exports-job-refreshing = Această pagină se actualizează singură la fiecare 5 secunde, până când fișierul este gata.
exports-job-refresh-off = Opriți actualizarea automată
exports-job-check = Verificați din nou
exports-job-refresh-on = Actualizare automată
exports-job-download = Descarcă { $name }
exports-job-file-encrypted = Fișierul este o arhivă ZIP criptată cu AES-256. Se deschide cu parola pe care v-a arătat-o formularul de export; Libertas nu a păstrat-o.
exports-job-file-plain = Fișierul nu conține date personale.
exports-job-kept = Fișierul este păstrat pe server, doar în memorie, până la { $until }, apoi este șters. După aceea, exportați lista din nou.
exports-job-another = Exportați altă listă
