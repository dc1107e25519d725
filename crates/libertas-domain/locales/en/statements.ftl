# Annual giving statements (PDF, the portal's statements page, the e-mail that carries one).
# Every id starts with `statement-`; the other languages define exactly the same ids.

statement-title = Giving statement { $year }
statement-donor = Prepared for
statement-issued = Issued on { $date }
statement-date = Date received
statement-amount = Amount
statement-method = Method
statement-total = Total
statement-thanks = Thank you for standing with the people we serve. Your gifts in { $year } made our work possible.
statement-legal = This statement lists every gift { $organisation } received from you between 1 January and 31 December { $year }. No goods or services were provided in return. Please keep it with your tax records.
statement-portal-title = Your giving statements
statement-portal-intro = A statement lists the gifts we received from you in one calendar year, with the total. Download it as a PDF or have it sent to your e-mail address.
statement-portal-none = We have no gifts from you on record yet.
statement-portal-year = { $year }
statement-portal-gifts = { $count ->
    [one] one gift
   *[other] { $count } gifts
}
statement-portal-download = Download the statement for { $year } (PDF)
statement-portal-email = E-mail it to me
statement-portal-sent = The statement for { $year } is on its way to your e-mail address.
statement-portal-throttled = A statement was sent to you a few minutes ago. Please wait { $minutes } minutes before asking again.
statement-portal-link = Your giving statements
statement-portal-back = Back to your supporter page
statement-not-found = There is no statement for that year.
statement-mail-subject = Your giving statement for { $year }
statement-mail-body = Thank you for your support. Your giving statement for { $year } is attached to this message as a PDF.
statement-mail-asked = You receive this message because you asked for it on your supporter page.
statement-staff-title = Statements
statement-staff-download = Statement for { $year } (PDF)
