# Declarații anuale ale donațiilor (PDF, pagina din portal, mesajul care o trimite).

statement-title = Declarația donațiilor { $year }
statement-donor = Întocmită pentru
statement-issued = Emisă la { $date }
statement-date = Data primirii
statement-amount = Suma
statement-method = Modalitatea
statement-total = Total
statement-thanks = Vă mulțumim că sunteți alături de oamenii pe care îi sprijinim. Donațiile dumneavoastră din { $year } ne-au făcut munca posibilă.
statement-legal = Această declarație cuprinde toate donațiile primite de { $organisation } de la dumneavoastră între 1 ianuarie și 31 decembrie { $year }. Nu s-au oferit bunuri sau servicii în schimb. Păstrați-o împreună cu actele fiscale.
statement-portal-title = Declarațiile donațiilor dumneavoastră
statement-portal-intro = O declarație cuprinde donațiile primite de la dumneavoastră într-un an calendaristic, cu totalul lor. Descărcați-o ca PDF sau cereți-o la adresa de e-mail.
statement-portal-none = Nu avem încă nicio donație de la dumneavoastră înregistrată.
statement-portal-year = { $year }
statement-portal-gifts = { $count ->
    [one] o donație
    [few] { $count } donații
   *[other] { $count } de donații
}
statement-portal-download = Descărcați declarația pentru { $year } (PDF)
statement-portal-email = Trimiteți-mi-o prin e-mail
statement-portal-sent = Declarația pentru { $year } este în drum spre adresa dumneavoastră de e-mail.
statement-portal-throttled = V-am trimis o declarație acum câteva minute. Așteptați { $minutes } minute înainte de a cere din nou.
statement-portal-link = Declarațiile donațiilor dumneavoastră
statement-portal-back = Înapoi la pagina dumneavoastră
statement-not-found = Nu există nicio declarație pentru acel an.
statement-mail-subject = Declarația donațiilor dumneavoastră pentru { $year }
statement-mail-body = Vă mulțumim pentru sprijin. Declarația donațiilor dumneavoastră pentru { $year } este atașată acestui mesaj ca PDF.
statement-mail-asked = Primiți acest mesaj pentru că l-ați cerut pe pagina dumneavoastră de susținător.
statement-staff-title = Declarații
statement-staff-download = Declarația pentru { $year } (PDF)
