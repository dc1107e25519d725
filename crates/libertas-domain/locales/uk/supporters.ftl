# Прихильники: публічна підписка на новини e-mail, сторінки підтвердження та відписки,
# надіслані листи й сторінка черги листів для працівників (українська). Ті самі id, що
# в en/supporters.ftl.

## /updates/signup

updates-signup-title = Новини e-mail
updates-signup-intro = Отримуйте наші новини e-mail. Спершу ми надішлемо один лист, щоб підтвердити адресу; нічого іншого не надсилатимемо, доки ви не скористаєтеся посиланням у ньому.
updates-signup-email = Ваша адреса e-mail
updates-signup-name = Ваше ім’я (необов’язково)
updates-signup-interests = Про що ви хочете дізнаватися?
updates-signup-interest-stories = Історії з місць
updates-signup-interest-events = Події у вашому регіоні
updates-signup-interest-involved = Можливості долучитися
updates-signup-region = Ваш регіон (для подій)
updates-signup-region-hint = Місто, район чи область. Потрібно лише для подій.
updates-signup-language = Мова листів
updates-signup-consent = Підписуючись, ви погоджуєтеся, що ми зберігаємо вашу адресу, ім’я та вибір, щоб надсилати ці новини, доки ви не відпишетеся. У кожному листі є посилання, щоб відписатися одним клацанням.
updates-signup-submit = Підписатися
updates-signup-error-summary = Перевірте поле, позначене нижче.
updates-signup-error-email = Введіть адресу e-mail на зразок name@example.org.
updates-signup-error-name = Ім’я може містити не більше 200 символів.
updates-signup-error-interests = Виберіть принаймні один вид новин.
updates-signup-error-region = Назвіть регіон, про події в якому ви хочете дізнаватися (не більше 100 символів).
updates-signup-error-language = Виберіть мову.
updates-signup-too-many = Забагато підписок з вашої мережі. Спробуйте знову через { $minutes } хв.
updates-signup-sent-title = Перевірте пошту
updates-signup-sent = Якщо на цю адресу можна надсилати наші новини, лист для її підтвердження вже в дорозі. Скористайтеся посиланням у ньому протягом { $hours } годин, щоб почати отримувати новини. Якщо лист не надійшов, перевірте папку «Спам».

## /updates/confirm/…

updates-confirm-title = Підтвердьте підписку
updates-confirm-intro = Натисніть кнопку, щоб підтвердити, що ви хочете отримувати наші новини e-mail.
updates-confirm-submit = Підтвердити
updates-confirmed-title = Ви підписані
updates-confirmed = Дякуємо. Вашу адресу підтверджено, і ви отримуватимете вибрані новини. У кожному листі є посилання, щоб відписатися.
updates-confirm-used = Це посилання вже використано. Підписку тоді було підтверджено; більше нічого робити не треба.
updates-confirm-expired = Термін дії посилання минув. Підпишіться знову, щоб отримати нове.
updates-confirm-unknown = Це посилання недійсне. Перевірте, чи його скопійовано повністю, або підпишіться знову.
updates-signup-again = Підписатися знову

## /updates/unsubscribe/…

updates-unsubscribe-title = Відписка
updates-unsubscribe-intro = Натисніть кнопку, щоб припинити всі новини e-mail на цю адресу.
updates-unsubscribe-submit = Відписатися
updates-unsubscribed-title = Ви відписалися
updates-unsubscribed = Ви більше не отримуватимете від нас новин.
updates-unsubscribe-unknown = Це посилання недійсне. Перевірте, чи його скопійовано повністю.
updates-unsubscribe-test = Це посилання для відписки з тестового повідомлення: воно нікого не відписує. У самій розсилці тут буде власне посилання кожного отримувача.

## Надіслані листи

updates-mail-confirm-subject = Підтвердьте підписку на новини
updates-mail-confirm-hello = Вітаємо!
updates-mail-confirm-body = Хтось, імовірно ви, попросив надсилати наші новини на цю адресу. Щоб підтвердити, відкрийте посилання й натисніть «Підтвердити»:
updates-mail-confirm-expiry = Посилання діє { $hours } годин.
updates-mail-confirm-ignore = Якщо ви цього не просили, просто не зважайте на лист: більше ви нічого від нас не отримаєте.
updates-mail-unsubscribe = Щоб припинити всі листи на цю адресу:

## /supporters (працівники)

supporters-title = Прихильники
supporters-outbox = Черга листів
supporters-outbox-queued = Очікують надсилання
supporters-outbox-sent = Надіслані
supporters-outbox-failed = Остаточно не надіслані
supporters-outbox-retrying = З тих, що очікують, — принаймні одна невдала спроба
supporters-outbox-no-smtp = Поштовий сервер не налаштовано: листи лишаються в черзі, доки його не вказано в libertas.toml ([mail]).
supporters-outbox-smtp = Листи надсилаються через { $host }.
supporters-counts = Прихильники
supporters-pending = Чекають підтвердження
supporters-subscribed = Підписані
supporters-unsubscribed = Відписалися
supporters-erased = Видалені на прохання
supporters-donors = Благодійники (лише пожертви, без новин)
supporters-erase = Видалити прихильника на його прохання
supporters-erase-intro = Якщо людина просить її забути, введіть адресу, з якою вона підписалася. Ключ її даних знищується: її адресу, ім'я та листи більше не можна прочитати ніде, навіть у старих резервних копіях, а листи, що очікують, видаляються. Лічильник лишається, але без людини. Пізніше вона може підписатися знову як новий прихильник.
supporters-erase-email = Її адреса електронної пошти
supporters-erase-find = Знайти прихильника
supporters-erase-invalid = Введіть адресу електронної пошти на кшталт name@example.org.
supporters-erase-question = Видалити прихильника з адресою { $address }? Це не можна скасувати.
supporters-erase-button = Видалити цього прихильника
supporters-erase-done = Прихильника видалено.

# The subject of a test send of an update starts with this.
updates-mail-test-prefix = [Тест]

## Updates staff compose for supporters (/supporters/updates).
supporters-updates-link = Новини для прихильників
updates-list-title = Новини для прихильників
updates-new = Написати новину
updates-none = Ще не написано жодної новини.
updates-created = Написана
updates-status = Статус
updates-languages = Мови
updates-audience = Отримувачі
updates-recipients = отримувачів
updates-status-draft = Чернетка
updates-status-scheduled = Заплановано на
updates-status-sending = Надсилається
updates-status-sent = Надіслано
updates-edit-title = Змінити новину
updates-compose-intro = Напишіть новину кожною мовою, яку обрали прихильники. Кожен отримує її мовою, обраною під час підписки; той, чиєї мови немає, не отримає нічого, тож додайте всі мови, які можете.
updates-compose-error-summary = Новину не збережено: див. позначене поле нижче.
updates-compose-error-subject = Напишіть тему довжиною не більше 200 символів або залиште обидва поля цієї мови порожніми.
updates-compose-error-body = Напишіть текст (не більше 20 000 символів) або залиште обидва поля цієї мови порожніми.
updates-compose-error-interests = Оберіть, для кого ця новина.
updates-compose-error-region = Регіон може звузити лише новину виключно про заходи (не більше 100 символів).
updates-subject = Тема
updates-body = Текст (Markdown)
updates-compose-markdown = Markdown: **жирний**, *курсив*, [текст посилання](https://…), списки з «- ». HTML і зображення не надсилаються; посилання надсилаються точно так, як написані.
updates-region = Регіон (лише для заходів)
updates-region-hint = Необов'язково. Новину отримають лише прихильники, чий регіон містить це слово, наприклад «Iasi» підходить для «Iași county».
updates-save = Зберегти чернетку
updates-page-title = Новина для прихильників
updates-done-test = Тест надсилається на введену адресу.
updates-done-scheduled = Новину заплановано.
updates-done-unscheduled = Новина знову чернетка.
updates-done-sending = Новина надсилається.
updates-progress = Хід надсилання
updates-skipped = пропущено: немає тексту їхньою мовою
updates-skipped-hint = Повідомлення з черги йдуть потроху; оновіть сторінку, щоб стежити за ними.
updates-actions = Тест, планування або надсилання
updates-test-address = Надіслати тест на адресу (тест позначено, він не враховується)
updates-test-language = Мовою
updates-test-send = Надіслати тест
updates-schedule-at = Надіслати о (місцевий час організації)
updates-schedule = Запланувати
updates-unschedule = Скасувати планування
updates-send-now = Надіслати отримувачам зараз
updates-preview = Попередній перегляд
updates-preview-text = Текстова версія
updates-error-address = Введіть дійсну адресу електронної пошти.
updates-error-test-lang = Оберіть мову, якою написано новину.
updates-error-send-at = Оберіть дату й час у майбутньому.
supporters-lift = Зняти блокування адреси
supporters-lift-intro = Адресу блокують, коли поштовий провайдер повідомив про остаточну відмову доставки або про скаргу: на неї нічого не надсилається, навіть підтвердження. Знімайте блокування, лише коли скринька знову працює або коли людина, що поскаржилася, письмово попросила знову отримувати наші новини. Листи, скасовані блокуванням, повторно не надсилаються.
supporters-lift-email = Заблокована адреса
supporters-lift-find = Зняти блокування
supporters-lift-question = Знову надсилати листи на { $address }?
supporters-lift-button = Зняти блокування
supporters-lift-done = Блокування знято.
supporters-lift-none = Ця адреса не заблокована.
updates-done-story = Вибір історії збережено.
updates-error-story = Ця розсилка містить історію, яку відкликано або більше не опубліковано: виберіть іншу історію або жодної.
updates-story = Історія постраждалої особи для розсилки
updates-story-none = Без історії
updates-story-hint = Показано лише історії, опубліковані за згодою постраждалої особи на розповідь історії. Псевдонім і текст додаються після тексту кожною мовою.
updates-story-choose = Зберегти вибір історії
updates-story-included = Ця розсилка містить історію, розказану під іменем { $name }; її додають після тексту під час надсилання кожного повідомлення.
updates-story-withdrawn = Історію постраждалої особи в цій розсилці відкликано: розсилку більше не можна надіслати з нею. Відкликано:
updates-story-withdrawn-sent = З нею вже пішло повідомлень: { $count }.

## Gifts (supporters/gifts)
gifts-title = Пожертви
gifts-link = Пожертви та регулярні пожертви
gifts-find = Знайти жертводавця
gifts-email = Адреса електронної пошти жертводавця
gifts-find-button = Показати пожертви
gifts-find-invalid = Введіть адресу електронної пошти на зразок name@example.org.
gifts-find-none = Жоден прихильник цієї організації не має такої адреси.
gifts-record = Записати пожертву
gifts-record-intro = Для грошей, отриманих готівкою, чеком або переказом, побаченим у виписці. Ще невідомий жертводавець записується без згоди на розсилку: він нічого від нас не отримує.
gifts-name = Ім'я (необов'язково)
gifts-amount = Сума
gifts-currency = Валюта (код ISO, наприклад UAH)
gifts-method = Спосіб
gifts-received = Отримано
gifts-frequency = Періодичність
gifts-frequency-once = Разова пожертва
gifts-frequency-monthly = Щомісяця
gifts-frequency-quarterly = Щокварталу
gifts-frequency-annual = Щороку
gifts-method-card = Картка
gifts-method-direct_debit = Пряме дебетування
gifts-method-bank_transfer = Банківський переказ
gifts-method-standing_order = Постійне доручення
gifts-method-cash = Готівка
gifts-method-cheque = Чек
gifts-method-other = Інше
gifts-record-button = Записати пожертву
gifts-error-summary = Пожертву не записано: виправте поле, позначене нижче.
gifts-error-email = Введіть адресу електронної пошти прихильника цієї організації або нового жертводавця, на зразок name@example.org.
gifts-error-name = Введіть ім'я довжиною не більше 200 символів або залиште поле порожнім.
gifts-error-amount = Введіть суму більшу за нуль, наприклад 25.00, із кількістю знаків після крапки не більшою, ніж у валюти.
gifts-error-currency = Введіть код валюти ISO 4217 великими літерами, наприклад UAH, EUR або GBP.
gifts-error-method = Виберіть спосіб.
gifts-error-received = Введіть дату у вигляді РРРР-ММ-ДД.
gifts-error-frequency = Виберіть періодичність.
gifts-giving-title = Пожертви жертводавця
gifts-recorded = Пожертву записано.
gifts-cancelled = Регулярну пожертву скасовано.
gifts-regular = Регулярні пожертви
gifts-regular-none = Регулярних пожертв немає.
gifts-start = Від
gifts-status = Стан
gifts-next-due = Діє, наступна { $date }
gifts-cancel-by = Хто попросив
gifts-cancel-button = Скасувати цю регулярну пожертву
gifts-cancelled-by-donor = Скасовано на прохання жертводавця
gifts-cancelled-by-staff = Скасовано працівником
gifts-cancelled-by-provider = Скасовано платіжною системою
gifts-cancelled-by-erasure = Припинено: дані жертводавця видалено
gifts-list = Пожертви
gifts-none = Пожертв не записано.
gifts-recorded-by = Ким записано
gifts-by-staff = Працівник
gifts-by-import = Імпорт
gifts-by-webhook = Платіжна система

gifts-notices = Регулярні пожертви, скасовані благодійниками
gifts-notices-none = Відколи скасування позначили як переглянуті, жоден благодійник не скасував регулярну пожертву на порталі.
gifts-notice-date = Скасовано
gifts-notice-donor = Благодійник
gifts-notice-giving = Його пожертви
gifts-notice-seen-button = Позначити як переглянуте (скасовано { $date })
gifts-notice-seen = Позначено як переглянуте.
