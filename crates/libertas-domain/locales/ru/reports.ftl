# Libertas — сообщения: публичная форма и обратная связь, страницы горячей линии, Russian.
nav-reports = Сообщения
urgent-alert = { $count ->
    [one] Ожидает { $count } срочное сообщение.
    [few] Ожидают { $count } срочных сообщения.
    [many] Ожидают { $count } срочных сообщений.
   *[other] Ожидают { $count } срочных сообщений.
}

report-title = Сообщить о подозрениях
report-danger-first = Если кому-то прямо сейчас угрожает опасность, сначала позвоните по номеру { $number }.
report-intro = Расскажите нам, что вы видели или слышали. Вам не нужно называть своё имя и не нужно быть уверенными, что это торговля людьми. Обязательно заполнить только первое поле.
report-narrative = Что произошло?
report-narrative-hint = Что вы видели или слышали и что вас беспокоит? Укажите всё, что может помочь, например как выглядели или вели себя люди.
report-danger-legend = Опасность
report-danger-now = Кому-то прямо сейчас угрожает опасность
report-location = Где это произошло?
report-when = Когда это произошло?
report-people = Кто в этом участвовал? (описания, имена или прозвища, если они вам известны)
report-identifiers = Номера телефонов, адреса электронной почты, сайты или аккаунты в социальных сетях, номерные знаки транспортных средств, адреса
report-identifiers-hint = По одному на строку.
report-contact-legend = Контакты (необязательно)
report-contact-hint = Оставьте поле пустым, чтобы остаться анонимными. Вы всё равно сможете позже прочитать наши вопросы с помощью квитанции.
report-contact = Как с вами связаться?
report-safe-question = Безопасно ли нам связываться с вами?
report-safe-yes = Да
report-safe-no = Нет, не связывайтесь со мной
report-contact-safety = Безопасный способ и время для связи с вами
report-submit = Отправить сообщение
report-working = Отправка…
report-privacy = Мы не храним ваш IP-адрес, сведения о вашем браузере или что-либо ещё об используемом вами устройстве. То, что вы пишете, хранится в зашифрованном виде.
report-followup-link = Уже отправили сообщение? Прочитайте наши вопросы и ответьте на них с помощью квитанции.
report-too-many = С этого подключения поступило слишком много сообщений. { $minutes ->
    [one] Подождите { $minutes } минуту или позвоните на горячую линию.
    [few] Подождите { $minutes } минуты или позвоните на горячую линию.
    [many] Подождите { $minutes } минут или позвоните на горячую линию.
   *[other] Подождите { $minutes } минут или позвоните на горячую линию.
}
report-error-narrative = Пожалуйста, расскажите нам, что произошло (до 20 000 символов).
report-error-location = Описание места слишком длинное (до 500 символов).
report-error-when = Описание времени слишком длинное (до 200 символов).
report-error-people = Описание людей слишком длинное (до 5000 символов).
report-error-identifiers = Каждый номер телефона, адрес или аккаунт может содержать до 300 символов, всего не более 50 записей.
report-error-contact = Контактные данные слишком длинные (до 500 символов).
report-error-contact_safety = Сведения о безопасном способе связи слишком длинные (до 500 символов).
report-error-language = Язык не распознан.
report-error-channel = Выберите, каким путём поступило обращение.

receipt-title = Спасибо: ваше сообщение получено
receipt-intro = Это ваша квитанция. С её помощью вы сможете читать наши вопросы, если они появятся, и отвечать на них, не называя своего имени.
receipt-keep = Запишите её или сохраните в надёжном месте прямо сейчас. Она показывается только один раз, и мы не сможем показать её снова или восстановить.
receipt-gone-title = Эта квитанция уже была показана
receipt-gone-text = Квитанция показывается только один раз, сразу после отправки сообщения, и на этом устройстве от неё ничего не сохраняется. Если вы её не записали, ваше сообщение всё равно получено: вы можете отправить новое сообщение или позвонить на горячую линию.

followup-title = Следить за вашим сообщением
followup-intro = Введите квитанцию, которую вы получили при отправке сообщения.
followup-receipt = Ваша квитанция
followup-open = Открыть
followup-not-found = Сообщение с такой квитанцией не найдено. Проверьте её и попробуйте снова.
followup-status = Статус вашего сообщения
followup-status-received = Получено, ожидает прочтения
followup-status-in_review = Рассматривается
followup-status-acted_on = Приняты меры
followup-status-closed = Закрыто
followup-thread = Вопросы и ответы
followup-no-messages = Вопросов к вам пока нет. Пожалуйста, зайдите позже.
followup-answer = Ваш ответ или то, что вы хотите добавить
followup-send = Отправить
followup-answer-invalid = Ваш ответ не удалось отправить: он не должен быть пустым и может содержать до 10 000 символов.
followup-answers-too-many = За последний час с этой квитанцией уже отправлено много ответов. { $minutes ->
    [one] Подождите { $minutes } минуту, прежде чем отправить следующий, или позвоните на горячую линию.
    [few] Подождите { $minutes } минуты, прежде чем отправить следующий, или позвоните на горячую линию.
    [many] Подождите { $minutes } минут, прежде чем отправить следующий, или позвоните на горячую линию.
   *[other] Подождите { $minutes } минут, прежде чем отправить следующий, или позвоните на горячую линию.
}
followup-from-us = Наш вопрос
followup-from-you = Ваш ответ

reports-title = Сообщения
reports-record-contact = Записать обращение
reports-empty = Открытых сообщений нет.
reports-col-urgency = Срочность
reports-col-waiting = Ожидает
reports-col-channel = Канал
reports-col-status = Статус
reports-col-verdict = Оценка
reports-col-replies = Новые ответы
reports-urgent = Срочно
reports-waited = ожидает { $time }
reports-not-screened = ещё не оценено
reports-lookup-title = Проверить звонящего
reports-lookup-label = Номер телефона, адрес электронной почты, аккаунт или номерной знак
reports-lookup-submit = Проверить
reports-lookup-result = { $count ->
    [0] Это не встречается ни в одном более раннем сообщении вашей организации.
    [one] Это встречается в { $count } более раннем сообщении вашей организации.
    [few] Это встречается в { $count } более ранних сообщениях вашей организации.
    [many] Это встречается в { $count } более ранних сообщениях вашей организации.
   *[other] Это встречается в { $count } более ранних сообщениях вашей организации.
}
reports-intake-title = Что говорит звонящий
reports-intake-submit = Записать и перейти к оценке
reports-report = Сообщение
reports-danger-flag = Заявитель сообщает, что кому-то прямо сейчас угрожает опасность.
reports-story = Что сообщено
reports-reason = Причина
reports-case = Дело
reports-open-the-case = Открыть дело
reports-related = В других сообщениях вашей организации упоминаются те же идентификаторы:
reports-screening = Оценка
reports-age = Возраст человека (полных лет, если известен)
reports-acts = Действие: что было сделано с человеком
reports-means = Способ: как его контролировали
reports-purposes = Цель: для чего его эксплуатировали
reports-indicators = Признаки (индикаторы принудительного труда МОТ, ILO)
reports-border = Пересечение границы
reports-border-irregular = Незаконное
reports-border-regular = Законное
reports-border-none = Граница не пересекалась
reports-unknown = Неизвестно
reports-yes = Да
reports-no = Нет
reports-flag-paid_facilitator = Кому-то заплатили за организацию пересечения границы
reports-flag-free_on_arrival = По прибытии мог(ла) свободно уйти
reports-flag-consented = Человек сначала согласился
reports-flag-in_danger_now = В опасности прямо сейчас
reports-screen-submit = Оценить
reports-screening-invalid = Ответы оценки недействительны (возраст должен быть целым числом от 0 до 130).
reports-thread = Переписка с заявителем
reports-thread-empty = Сообщений пока нет.
reports-to-reporter = Заявителю
reports-from-reporter = От заявителя
reports-reporter = заявитель
reports-ask = Задать вопрос заявителю
reports-via-legend = Как вопрос дойдёт до заявителя
reports-via-receipt = Оставить для квитанции заявителя: он прочитает вопрос, когда сам решит вернуться
reports-via-contact = Связаться с заявителем по оставленным им контактам (запишите, что вы отправили)
reports-via-contact-short = по его контактным данным
reports-contact-heading = Связь с заявителем
reports-contact-yes = Заявитель указал, что связываться с ним безопасно. Используйте только указанные им способ и время.
reports-contact-no = Не связывайтесь с заявителем: он указал, что это небезопасно. Дождитесь, пока он вернётся со своей квитанцией.
reports-contact-unknown = Не связывайтесь с заявителем: он не указал, что это безопасно. Дождитесь, пока он вернётся со своей квитанцией.
reports-contact-no-details = Заявитель указал, что связь безопасна, но не оставил контактов: дождитесь, пока он вернётся со своей квитанцией.
reports-message-refused-safe_to_contact = Не отправлено: заявитель не указал, что связываться с ним безопасно. Оставьте вопрос для его квитанции.
reports-message-refused-contact = Не отправлено: заявитель не оставил контактных данных.
reports-message-refused-via = Не отправлено: у этого сообщения нет квитанции, поэтому заявитель не сможет прочитать оставленный для неё вопрос.
reports-ask-submit = Отправить вопрос
reports-message-invalid = Сообщение не должно быть пустым (до 10 000 символов).
reports-triage = Решение
reports-case-title = Название нового дела
reports-case-person-hint = При желании укажите человека, находящегося в опасности; он будет добавлен в дело как пострадавшее лицо.
reports-open-case = Открыть дело
reports-refer-to = Направлено (партнёр, служба)
reports-refer = Отметить как направленное
reports-close-reason = Почему закрыть? (обязательно)
reports-close = Закрыть сообщение
reports-reason-needed = Для закрытия сообщения нужна причина.
reports-move-invalid = Сейчас этот шаг для сообщения невозможен (сначала оцените его, или работа с ним уже завершена).
reports-title-needed = Укажите название нового дела.
reports-person-invalid = Имя и фамилия человека недействительны.

channel-public = Публичная форма
channel-phone = Телефон
channel-email = Электронная почта
channel-sms = SMS
channel-walk_in = Личное обращение
channel-web = Веб
report-status-new = Новое
report-status-screened = Оценено
report-status-referred = Направлено
report-status-case_opened = Открыто дело
report-status-closed = Закрыто
verdict-trafficking = Торговля людьми: присутствуют все элементы юридического определения
verdict-possible_trafficking = Возможная торговля людьми: некоторые элементы присутствуют, нужно выяснить больше
verdict-forced_labour = Принудительный труд
verdict-smuggling = Незаконный ввоз мигрантов, по имеющимся сведениям не торговля людьми
verdict-no_indication = По имеющимся сведениям признаков торговли людьми нет

# Issue 11: report numbers, the queue's filters and pages, taking a report, confirmations.
reports-danger-flag-screened = Заявитель сообщил, что кто-то сейчас в опасности; первичная оценка определила, что это не срочно.
reports-col-number = Номер
reports-col-assignee = Взял в работу
reports-nobody = никто
reports-held-by-you = Вы взяли это сообщение в работу.
reports-held-by = { $holder } взял(а) это сообщение в работу.
reports-held-by-nobody = Это сообщение ещё никто не взял в работу.
reports-take = Взять в работу
reports-release = Вернуть в очередь
reports-take-ended = Работа с этим сообщением завершена: его больше нельзя взять.
reports-take-over-heading = Перенять это сообщение?
reports-take-over-heading-text = { $holder } взял(а) сообщение { $number } в работу. Перенять его?
reports-take-over-confirm = Да, перенять
reports-release-other-heading = Вернуть в очередь сообщение, которое взял коллега?
reports-release-other-heading-text = { $holder } взял(а) сообщение { $number } в работу. Вернуть его в очередь?
reports-release-other-confirm = Да, вернуть
reports-confirm-cancel = Нет, назад к сообщению
reports-close-confirm-heading = Закрыть это сообщение?
reports-close-confirm-text = Сообщение { $number } будет закрыто с указанной причиной. Оно уйдёт из очереди, и его нельзя будет открыть снова.
reports-close-confirm-submit = Да, закрыть сообщение
reports-find-label = Найти сообщение по номеру
reports-find-hint = Например, R-2026-00042.
reports-find-submit = Найти
reports-find-invalid = Введите номер сообщения, например R-2026-00042.
reports-filter-error-summary = Некоторые фильтры не удалось прочитать. Исправьте отмеченные; до тех пор сообщения не показываются.
reports-filter-invalid = Выберите одно из значений списка.
reports-filter-page = Номер страницы должен быть целым числом не меньше 1.
reports-filter-any = Любое
reports-filter-status-open = Ожидают (новые или оценённые)
reports-filter-status-all = Все
reports-filter-assignee-anyone = Кто угодно или никто
reports-filter-assignee-me = Взятые мной
reports-filter-assignee-nobody = Не взятые
reports-filter-sort = Порядок
reports-filter-sort-urgent = Сначала срочные, затем ждущие дольше всех
reports-filter-sort-oldest = Сначала самые старые
reports-filter-sort-newest = Сначала самые новые
reports-filter-urgent = Только срочные
reports-filter-submit = Показать
reports-total = { $count ->
    [0] Ни одно сообщение не подходит.
    [one] Подходит { $count } сообщение.
    [few] Подходят { $count } сообщения.
    [many] Подходят { $count } сообщений.
   *[other] Подходящих сообщений: { $count }.
}
reports-caption = Сообщения, по одному в строке
reports-pages = Страницы очереди
reports-page-previous = Предыдущая страница
reports-page-next = Следующая страница
reports-page-of = Страница { $page } из { $pages }
report-error-summary = Ваше сообщение ещё не отправлено. Исправьте отмеченное поле: всё, что вы ввели, сохранено здесь.
report-kept = Всё, что вы ввели, осталось в форме ниже.
reports-waited-days = { $days } д { $hours } ч
reports-waited-hours = { $hours } ч { $minutes } мин
reports-waited-minutes = { $minutes } мин
