# Exports (en): the export page, a list as a CSV or XLSX file.
exports-title = Export a list
exports-help = Download a list you can see as a file: the same rows as its page shows you. Every export is recorded in the audit trail.
exports-list = List
exports-list-cases = Cases
exports-list-people = People
exports-list-tasks = Open tasks
exports-list-referrals = Referrals
exports-list-services = Care services
exports-list-trainings = Training events
exports-format = File format
exports-format-csv = CSV (comma-separated values)
exports-format-xlsx = Excel workbook (XLSX)
exports-personal = Include personal data (names, birth dates, contacts, titles and notes)
exports-passphrase-heading = Passphrase of the file
exports-passphrase-help = With personal data, the file is a ZIP archive encrypted with AES-256. It opens only with this passphrase:
exports-passphrase-once = Write it down or copy it now and keep it apart from the file. It is shown only here and is not kept by Libertas; each visit to this page makes a new one.
exports-no-personal = Your role exports no personal data: the file holds codes, dates and counts only.
exports-submit = Export the list
exports-error-list = Choose one of the lists.
exports-error-format = Choose CSV or XLSX.
exports-error-personal = This field can only be ticked or left empty.
exports-error-passphrase = The passphrase was not the one this page made. Use the new one shown here.
home-link-exports = Export a list
exports-error-busy-user = You already have 3 exports being built or waiting to be downloaded. Download them, or wait until they are deleted (15 minutes after they were ready), then try again.
exports-error-busy-server = The server is building or holding as many exports as it can right now. Try again in a few minutes.
# The job page: an export running in the background, then its download.
exports-job-title = Your export
exports-job-what-personal = { $what }, with personal data (encrypted ZIP)
exports-job-status = Progress
exports-job-progress-label = Records read
exports-job-progress = { $done } of { $total ->
    [one] { $total_text } record
   *[other] { $total_text } records
}
exports-job-waiting = Waiting for another export to finish first.
exports-job-reading = Counting the records…
exports-job-writing = Every record is read; the file is being written…
exports-job-stopped = The export stopped.
exports-job-failed-forbidden = Your role may no longer export this list, so the export was stopped and no file was made.
exports-job-failed-internal = Something went wrong on the server while the file was being built, so no file was made and nothing was kept. Try again; if it happens again, tell your administrator when it happened.
exports-job-refreshing = This page updates itself every 5 seconds until the file is ready.
exports-job-refresh-off = Stop updating automatically
exports-job-check = Check again
exports-job-refresh-on = Update automatically
exports-job-download = Download { $name }
exports-job-file-encrypted = The file is a ZIP archive encrypted with AES-256. It opens with the passphrase the export form showed you; Libertas did not keep it.
exports-job-file-plain = The file holds no personal data.
exports-job-kept = The file is kept on the server, in memory only, until { $until }, then deleted. After that, export the list again.
exports-job-another = Export another list
