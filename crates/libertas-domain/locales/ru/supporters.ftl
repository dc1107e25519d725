# Сторонники: публичная подписка на новости по e-mail, страницы подтверждения и отписки,
# отправляемые письма и страница очереди писем для сотрудников (русский). Те же id, что
# в en/supporters.ftl.

## /updates/signup

updates-signup-title = Новости по e-mail
updates-signup-intro = Получайте наши новости по e-mail. Сначала мы отправим одно письмо для подтверждения адреса; больше ничего не будет отправлено, пока вы не перейдёте по ссылке в нём.
updates-signup-email = Ваш адрес e-mail
updates-signup-name = Ваше имя (необязательно)
updates-signup-interests = О чём вы хотите узнавать?
updates-signup-interest-stories = Истории с мест
updates-signup-interest-events = События в вашем регионе
updates-signup-interest-involved = Возможности принять участие
updates-signup-region = Ваш регион (для событий)
updates-signup-region-hint = Город, район или регион. Нужно только для событий.
updates-signup-language = Язык писем
updates-signup-consent = Подписываясь, вы соглашаетесь, что мы храним ваш адрес, имя и выбор, чтобы присылать эти новости, пока вы не отпишетесь. В каждом письме есть ссылка для отписки в один щелчок.
updates-signup-submit = Подписаться
updates-signup-error-summary = Проверьте поле, отмеченное ниже.
updates-signup-error-email = Введите адрес e-mail вида name@example.org.
updates-signup-error-name = Имя может содержать не более 200 символов.
updates-signup-error-interests = Выберите хотя бы один вид новостей.
updates-signup-error-region = Укажите регион, о событиях в котором вы хотите узнавать (не более 100 символов).
updates-signup-error-language = Выберите язык.
updates-signup-too-many = Слишком много подписок из вашей сети. Попробуйте снова через { $minutes } мин.
updates-signup-sent-title = Проверьте почту
updates-signup-sent = Если на этот адрес можно отправлять наши новости, письмо для его подтверждения уже в пути. Перейдите по ссылке в нём в течение { $hours } часов, чтобы начать получать новости. Если письмо не пришло, проверьте папку «Спам».

## /updates/confirm/…

updates-confirm-title = Подтвердите подписку
updates-confirm-intro = Нажмите кнопку, чтобы подтвердить, что вы хотите получать наши новости по e-mail.
updates-confirm-submit = Подтвердить
updates-confirmed-title = Вы подписаны
updates-confirmed = Спасибо. Ваш адрес подтверждён, и вы будете получать выбранные новости. В каждом письме есть ссылка для отписки.
updates-confirm-used = Эта ссылка уже использована. Подписка тогда была подтверждена; больше ничего делать не нужно.
updates-confirm-expired = Срок действия ссылки истёк. Подпишитесь снова, чтобы получить новую.
updates-confirm-unknown = Эта ссылка недействительна. Проверьте, что она скопирована целиком, или подпишитесь снова.
updates-signup-again = Подписаться снова

## /updates/unsubscribe/…

updates-unsubscribe-title = Отписка
updates-unsubscribe-intro = Нажмите кнопку, чтобы прекратить все новости по e-mail на этот адрес.
updates-unsubscribe-submit = Отписаться
updates-unsubscribed-title = Вы отписаны
updates-unsubscribed = Вы больше не будете получать от нас новости.
updates-unsubscribe-unknown = Эта ссылка недействительна. Проверьте, что она скопирована целиком.
updates-unsubscribe-test = Это ссылка для отписки из тестового сообщения: она никого не отписывает. В самой рассылке здесь будет личная ссылка каждого получателя.

## Отправляемые письма

updates-mail-confirm-subject = Подтвердите подписку на новости
updates-mail-confirm-hello = Здравствуйте!
updates-mail-confirm-body = Кто-то, вероятно вы, попросил присылать наши новости на этот адрес. Чтобы подтвердить, откройте ссылку и нажмите «Подтвердить»:
updates-mail-confirm-expiry = Ссылка действует { $hours } часов.
updates-mail-confirm-ignore = Если вы этого не просили, просто проигнорируйте письмо: больше вы ничего от нас не получите.
updates-mail-unsubscribe = Чтобы прекратить все письма на этот адрес:

## /supporters (сотрудники)

supporters-title = Сторонники
supporters-outbox = Очередь писем
supporters-outbox-queued = Ожидают отправки
supporters-outbox-sent = Отправлены
supporters-outbox-failed = Не отправлены окончательно
supporters-outbox-retrying = Из ожидающих — с хотя бы одной неудачной попыткой
supporters-outbox-no-smtp = Почтовый сервер не настроен: письма остаются в очереди, пока он не будет указан в libertas.toml ([mail]).
supporters-outbox-smtp = Письма отправляются через { $host }.
supporters-counts = Сторонники
supporters-pending = Ждут подтверждения
supporters-subscribed = Подписаны
supporters-unsubscribed = Отписались
supporters-erased = Удалены по просьбе
supporters-donors = Жертвователи (только пожертвования, без новостей)
supporters-erase = Удалить сторонника по его просьбе
supporters-erase-intro = Если человек просит его забыть, введите адрес, с которым он подписался. Ключ его данных уничтожается: его адрес, имя и письма больше нельзя прочитать нигде, включая старые резервные копии, а ожидающие письма удаляются. Счётчик остаётся, но без человека. Позже он может подписаться снова как новый сторонник.
supporters-erase-email = Его адрес электронной почты
supporters-erase-find = Найти сторонника
supporters-erase-invalid = Введите адрес электронной почты вида name@example.org.
supporters-erase-question = Удалить сторонника с адресом { $address }? Это нельзя отменить.
supporters-erase-button = Удалить этого сторонника
supporters-erase-done = Сторонник удалён.

# The subject of a test send of an update starts with this.
updates-mail-test-prefix = [Тест]

## Updates staff compose for supporters (/supporters/updates).
supporters-updates-link = Новости для сторонников
updates-list-title = Новости для сторонников
updates-new = Написать новость
updates-none = Ещё не написано ни одной новости.
updates-created = Написана
updates-status = Статус
updates-languages = Языки
updates-audience = Получатели
updates-recipients = получателей
updates-status-draft = Черновик
updates-status-scheduled = Запланирована на
updates-status-sending = Отправляется
updates-status-sent = Отправлена
updates-edit-title = Изменить новость
updates-compose-intro = Напишите новость на каждом языке, который выбрали сторонники. Каждый получает её на языке, выбранном при подписке; тот, чьего языка нет, не получит ничего, поэтому добавьте все языки, какие можете.
updates-compose-error-summary = Новость не сохранена: см. отмеченное поле ниже.
updates-compose-error-subject = Напишите тему длиной не более 200 символов или оставьте оба поля этого языка пустыми.
updates-compose-error-body = Напишите текст (не более 20 000 символов) или оставьте оба поля этого языка пустыми.
updates-compose-error-interests = Выберите, для кого эта новость.
updates-compose-error-region = Регион может сузить только новость исключительно о мероприятиях (не более 100 символов).
updates-subject = Тема
updates-body = Текст (Markdown)
updates-compose-markdown = Markdown: **жирный**, *курсив*, [текст ссылки](https://…), списки с «- ». HTML и изображения не отправляются; ссылки отправляются точно так, как написаны.
updates-region = Регион (только для мероприятий)
updates-region-hint = Необязательно. Новость получат только сторонники, чей регион содержит это слово, например «Iasi» подходит для «Iași county».
updates-save = Сохранить черновик
updates-page-title = Новость для сторонников
updates-done-test = Тест отправляется на введённый адрес.
updates-done-scheduled = Новость запланирована.
updates-done-unscheduled = Новость снова черновик.
updates-done-sending = Новость отправляется.
updates-progress = Ход отправки
updates-skipped = пропущено: нет текста на их языке
updates-skipped-hint = Сообщения из очереди уходят понемногу; обновите страницу, чтобы следить за ними.
updates-actions = Тест, планирование или отправка
updates-test-address = Отправить тест на адрес (тест помечен и не учитывается)
updates-test-language = На языке
updates-test-send = Отправить тест
updates-schedule-at = Отправить в (местное время организации)
updates-schedule = Запланировать
updates-unschedule = Отменить планирование
updates-send-now = Отправить получателям сейчас
updates-preview = Предпросмотр
updates-preview-text = Текстовая версия
updates-error-address = Введите действительный адрес электронной почты.
updates-error-test-lang = Выберите язык, на котором написана новость.
updates-error-send-at = Выберите дату и время в будущем.
supporters-lift = Снять блокировку адреса
supporters-lift-intro = Адрес блокируется, когда почтовый провайдер сообщил о постоянном отказе доставки или о жалобе: на него ничего не отправляется, даже подтверждение. Снимайте блокировку, только если ящик снова работает или если человек, пожаловавшийся на письма, письменно попросил снова получать наши новости. Письма, отменённые блокировкой, повторно не отправляются.
supporters-lift-email = Заблокированный адрес
supporters-lift-find = Снять блокировку
supporters-lift-question = Снова отправлять письма на { $address }?
supporters-lift-button = Снять блокировку
supporters-lift-done = Блокировка снята.
supporters-lift-none = Этот адрес не заблокирован.
updates-done-story = Выбор истории сохранён.
updates-error-story = Эта рассылка содержит историю, которая отозвана или больше не опубликована: выберите другую историю или никакую.
updates-story = История пострадавшего для рассылки
updates-story-none = Без истории
updates-story-hint = Показаны только истории, опубликованные с согласия пострадавшего на рассказ истории. Псевдоним и текст добавляются после текста на каждом языке.
updates-story-choose = Сохранить выбор истории
updates-story-included = Эта рассылка содержит историю, рассказанную под именем { $name }; она добавляется после текста при отправке каждого сообщения.
updates-story-withdrawn = История пострадавшего в этой рассылке отозвана: рассылку больше нельзя отправить с ней. Отозвана:
updates-story-withdrawn-sent = С ней уже ушло сообщений: { $count }.

## Gifts (supporters/gifts)
gifts-title = Пожертвования
gifts-link = Пожертвования и регулярные пожертвования
gifts-find = Найти жертвователя
gifts-email = Адрес электронной почты жертвователя
gifts-find-button = Показать пожертвования
gifts-find-invalid = Введите адрес электронной почты вида name@example.org.
gifts-find-none = Ни у одного сторонника этой организации нет такого адреса.
gifts-record = Записать пожертвование
gifts-record-intro = Для денег, полученных наличными, чеком или переводом, увиденным в выписке. Ещё неизвестный жертвователь записывается без согласия на рассылку: он ничего от нас не получает.
gifts-name = Имя (необязательно)
gifts-amount = Сумма
gifts-currency = Валюта (код ISO, например EUR)
gifts-method = Способ
gifts-received = Получено
gifts-frequency = Периодичность
gifts-frequency-once = Разовое пожертвование
gifts-frequency-monthly = Ежемесячно
gifts-frequency-quarterly = Ежеквартально
gifts-frequency-annual = Ежегодно
gifts-method-card = Карта
gifts-method-direct_debit = Прямое дебетование
gifts-method-bank_transfer = Банковский перевод
gifts-method-standing_order = Постоянное поручение
gifts-method-cash = Наличные
gifts-method-cheque = Чек
gifts-method-other = Другое
gifts-record-button = Записать пожертвование
gifts-error-summary = Пожертвование не записано: исправьте поле, отмеченное ниже.
gifts-error-email = Введите адрес электронной почты сторонника этой организации или нового жертвователя, вида name@example.org.
gifts-error-name = Введите имя длиной не более 200 символов или оставьте поле пустым.
gifts-error-amount = Введите сумму больше нуля, например 25.00, с числом знаков после точки не больше, чем у валюты.
gifts-error-currency = Введите код валюты ISO 4217 заглавными буквами, например EUR, GBP или RON.
gifts-error-method = Выберите способ.
gifts-error-received = Введите дату в виде ГГГГ-ММ-ДД.
gifts-error-frequency = Выберите периодичность.
gifts-giving-title = Пожертвования жертвователя
gifts-recorded = Пожертвование записано.
gifts-cancelled = Регулярное пожертвование отменено.
gifts-regular = Регулярные пожертвования
gifts-regular-none = Регулярных пожертвований нет.
gifts-start = С
gifts-status = Состояние
gifts-next-due = Действует, следующее { $date }
gifts-cancel-by = Кто попросил
gifts-cancel-button = Отменить это регулярное пожертвование
gifts-cancelled-by-donor = Отменено по просьбе жертвователя
gifts-cancelled-by-staff = Отменено сотрудником
gifts-cancelled-by-provider = Отменено платёжной системой
gifts-cancelled-by-erasure = Прекращено: данные жертвователя удалены
gifts-list = Пожертвования
gifts-none = Пожертвований не записано.
gifts-recorded-by = Кем записано
gifts-by-staff = Сотрудник
gifts-by-import = Импорт
gifts-by-webhook = Платёжная система

gifts-notices = Регулярные пожертвования, отменённые жертвователями
gifts-notices-none = С тех пор как отмены были отмечены как просмотренные, ни один жертвователь не отменил регулярное пожертвование на портале.
gifts-notice-date = Отменено
gifts-notice-donor = Жертвователь
gifts-notice-giving = Его пожертвования
gifts-notice-seen-button = Отметить как просмотренное (отменено { $date })
gifts-notice-seen = Отмечено как просмотренное.
