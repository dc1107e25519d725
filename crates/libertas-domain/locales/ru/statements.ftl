# Годовые справки о пожертвованиях (PDF, страница портала, письмо со справкой).

statement-title = Справка о пожертвованиях за { $year } год
statement-donor = Для
statement-issued = Выдана { $date }
statement-date = Дата поступления
statement-amount = Сумма
statement-method = Способ
statement-total = Итого
statement-thanks = Спасибо, что вы рядом с людьми, которым мы помогаем. Ваши пожертвования в { $year } году сделали нашу работу возможной.
statement-legal = В этой справке перечислены все пожертвования, которые { $organisation } получила от вас с 1 января по 31 декабря { $year } года. Никаких товаров или услуг взамен не предоставлялось. Сохраните её вместе с налоговыми документами.
statement-portal-title = Ваши справки о пожертвованиях
statement-portal-intro = Справка содержит пожертвования, полученные от вас за один календарный год, и их сумму. Скачайте её в формате PDF или получите на свой адрес электронной почты.
statement-portal-none = У нас пока нет записей о ваших пожертвованиях.
statement-portal-year = { $year }
statement-portal-gifts = { $count ->
    [one] { $count } пожертвование
    [few] { $count } пожертвования
   *[other] { $count } пожертвований
}
statement-portal-download = Скачать справку за { $year } год (PDF)
statement-portal-email = Отправить мне по электронной почте
statement-portal-sent = Справка за { $year } год уже отправляется на ваш адрес электронной почты.
statement-portal-throttled = Мы отправили вам справку несколько минут назад. Подождите { $minutes } минут, прежде чем просить снова.
statement-portal-link = Ваши справки о пожертвованиях
statement-portal-back = Вернуться на вашу страницу
statement-not-found = За этот год справки нет.
statement-mail-subject = Ваша справка о пожертвованиях за { $year } год
statement-mail-body = Спасибо за вашу поддержку. Ваша справка о пожертвованиях за { $year } год приложена к этому письму в формате PDF.
statement-mail-asked = Вы получили это письмо, потому что запросили его на своей странице сторонника.
statement-staff-title = Справки
statement-staff-download = Справка за { $year } год (PDF)
