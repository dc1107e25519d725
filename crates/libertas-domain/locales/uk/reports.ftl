# Libertas — повідомлення: публічна форма, подальше листування і сторінки гарячої лінії, українська (Ukrainian).
nav-reports = Повідомлення
urgent-alert = { $count ->
    [one] Чекає { $count } термінове повідомлення.
    [few] Чекають { $count } термінові повідомлення.
    [many] Чекають { $count } термінових повідомлень.
   *[other] Термінових повідомлень, що чекають: { $count }.
}

report-title = Повідомити про занепокоєння
report-danger-first = Якщо хтось просто зараз у небезпеці, спершу телефонуйте { $number }.
report-intro = Розкажіть нам, що ви бачили чи чули. Вам не потрібно називати своє ім’я і не потрібно бути впевненими, що це торгівля людьми. Обов’язкове лише перше поле.
report-narrative = Що сталося?
report-narrative-hint = Що ви бачили чи чули і що вас непокоїть? Додайте все, що може допомогти, наприклад, як люди виглядали чи поводилися.
report-danger-legend = Небезпека
report-danger-now = Хтось зараз у небезпеці
report-location = Де це сталося?
report-when = Коли це сталося?
report-people = Хто був причетний? (описи, імена чи прізвиська, якщо ви їх знаєте)
report-identifiers = Номери телефонів, адреси електронної пошти, вебсайти чи облікові записи в соцмережах, номерні знаки транспортних засобів, адреси
report-identifiers-hint = По одному в рядку.
report-contact-legend = Контакт (необов’язково)
report-contact-hint = Залиште порожнім, щоб залишитися анонімними. Ви все одно зможете згодом прочитати наші запитання за допомогою квитанції.
report-contact = Як ми можемо з вами зв’язатися?
report-safe-question = Чи безпечно нам з вами зв’язуватися?
report-safe-yes = Так
report-safe-no = Ні, не зв’язуйтеся зі мною
report-contact-safety = Безпечний спосіб і час, щоб з вами зв’язатися
report-submit = Надіслати повідомлення
report-working = Надсилання…
report-privacy = Ми не зберігаємо вашої IP-адреси, даних вашого браузера чи будь-чого іншого про пристрій, яким ви користуєтеся. Те, що ви пишете, зберігається в зашифрованому вигляді.
report-followup-link = Уже повідомляли? Прочитайте наші запитання й дайте на них відповідь за допомогою квитанції.
report-too-many = З цього з’єднання надійшло забагато повідомлень. { $minutes ->
    [one] Зачекайте { $minutes } хвилину
    [few] Зачекайте { $minutes } хвилини
    [many] Зачекайте { $minutes } хвилин
   *[other] Зачекайте { $minutes } хв
} або зателефонуйте на гарячу лінію.
report-error-narrative = Розкажіть нам, що сталося (до 20 000 символів).
report-error-location = Опис місця задовгий (до 500 символів).
report-error-when = Опис часу задовгий (до 200 символів).
report-error-people = Опис людей задовгий (до 5000 символів).
report-error-identifiers = Кожен номер телефону, адреса чи обліковий запис може містити до 300 символів, а всього їх може бути до 50.
report-error-contact = Контактні дані задовгі (до 500 символів).
report-error-contact_safety = Дані про безпечний контакт задовгі (до 500 символів).
report-error-language = Мову не розпізнано.
report-error-channel = Оберіть, яким каналом надійшло звернення.

receipt-title = Дякуємо: ваше повідомлення отримано
receipt-intro = Це ваша квитанція. З нею ви зможете прочитати запитання, які можуть у нас виникнути, і відповісти на них, не називаючи свого імені.
receipt-keep = Запишіть її або збережіть у безпечному місці зараз. Її показано лише цей один раз, і ми не можемо показати її знову чи відновити.
receipt-gone-title = Цю квитанцію вже показано
receipt-gone-text = Квитанцію показують лише один раз, одразу після надсилання повідомлення, і на цьому пристрої від неї нічого не зберігається. Якщо ви її не записали, ваше повідомлення все одно отримано: ви можете надіслати нове повідомлення або зателефонувати на гарячу лінію.

followup-title = Подальші дії щодо вашого повідомлення
followup-intro = Введіть квитанцію, яку ви отримали, коли надсилали повідомлення.
followup-receipt = Ваша квитанція
followup-open = Відкрити
followup-not-found = Жодне повідомлення не відповідає цій квитанції. Перевірте її і спробуйте ще раз.
followup-status = Статус вашого повідомлення
followup-status-received = Отримано, чекає на розгляд
followup-status-in_review = Розглядається
followup-status-acted_on = Вжито заходів
followup-status-closed = Закрито
followup-thread = Запитання та відповіді
followup-no-messages = Запитань до вас поки немає. Будь ласка, поверніться пізніше.
followup-answer = Ваша відповідь або те, що ви хочете додати
followup-send = Надіслати
followup-answer-invalid = Не вдалося надіслати вашу відповідь: вона не може бути порожньою і може містити до 10 000 символів.
followup-answers-too-many = За останню годину з цією квитанцією вже надіслано багато відповідей. { $minutes ->
    [one] Зачекайте { $minutes } хвилину
    [few] Зачекайте { $minutes } хвилини
    [many] Зачекайте { $minutes } хвилин
   *[other] Зачекайте { $minutes } хв
}, перш ніж надсилати ще одну, або зателефонуйте на гарячу лінію.
followup-from-us = Наше запитання
followup-from-you = Ваша відповідь

reports-title = Повідомлення
reports-record-contact = Записати звернення
reports-empty = Немає відкритих повідомлень.
reports-col-urgency = Терміновість
reports-col-waiting = Очікування
reports-col-channel = Канал
reports-col-status = Статус
reports-col-verdict = Первинна оцінка
reports-col-replies = Нові відповіді
reports-urgent = Терміново
reports-waited = чекає { $time }
reports-not-screened = ще не оцінено
reports-lookup-title = Перевірити абонента
reports-lookup-label = Номер телефону, адреса електронної пошти, обліковий запис чи номерний знак
reports-lookup-submit = Перевірити
reports-lookup-result = { $count ->
    [0] Це не згадується в жодному попередньому повідомленні вашої організації.
    [one] Це згадується в { $count } попередньому повідомленні вашої організації.
    [few] Це згадується в { $count } попередніх повідомленнях вашої організації.
    [many] Це згадується в { $count } попередніх повідомленнях вашої організації.
   *[other] Кількість попередніх повідомлень вашої організації, де це згадується: { $count }.
}
reports-intake-title = Що каже абонент
reports-intake-submit = Записати і перейти до первинної оцінки
reports-report = Повідомлення
reports-danger-flag = Заявник каже, що хтось зараз у небезпеці.
reports-story = Що було повідомлено
reports-reason = Причина
reports-case = Справа
reports-open-the-case = Відкрити справу
reports-related = Інші повідомлення вашої організації згадують ті самі ідентифікатори:
reports-screening = Первинна оцінка
reports-age = Вік особи (у роках, якщо відомо)
reports-acts = Дія: що зробили з особою
reports-means = Спосіб: як її контролювали
reports-purposes = Мета: з якою метою її експлуатували
reports-indicators = Ознаки (індикатори примусової праці ILO)
reports-border = Перетин кордону
reports-border-irregular = Незаконний
reports-border-regular = Законний
reports-border-none = Кордон не перетинали
reports-unknown = Невідомо
reports-yes = Так
reports-no = Ні
reports-flag-paid_facilitator = Комусь заплатили за організацію перетину кордону
reports-flag-free_on_arrival = Після прибуття могла вільно піти
reports-flag-consented = Особа спочатку погодилася
reports-flag-in_danger_now = Зараз у небезпеці
reports-screen-submit = Оцінити
reports-screening-invalid = Відповіді первинної оцінки недійсні (вік має бути цілим числом від 0 до 130).
reports-thread = Листування із заявником
reports-thread-empty = Листування ще немає.
reports-to-reporter = Заявникові
reports-from-reporter = Від заявника
reports-reporter = заявник
reports-ask = Поставити заявникові запитання
reports-via-legend = Як воно дійде до заявника
reports-via-receipt = Залишити для квитанції заявника: він прочитає, коли сам вирішить повернутися
reports-via-contact = Зв’язатися із заявником за наданими ним контактами (запишіть, що ви надіслали)
reports-via-contact-short = за його контактними даними
reports-contact-heading = Зв’язок із заявником
reports-contact-yes = Заявник сказав, що з ним безпечно зв’язуватися. Використовуйте лише вказані ним спосіб і час.
reports-contact-no = Не зв’язуйтеся із заявником: він сказав, що це небезпечно. Зачекайте, поки він повернеться зі своєю квитанцією.
reports-contact-unknown = Не зв’язуйтеся із заявником: він не зазначив, що це безпечно. Зачекайте, поки він повернеться зі своєю квитанцією.
reports-contact-no-details = Заявник сказав, що зв’язуватися безпечно, але не залишив контактів: зачекайте, поки він повернеться зі своєю квитанцією.
reports-message-refused-safe_to_contact = Не надіслано: заявник не зазначив, що з ним безпечно зв’язуватися. Натомість залиште запитання для його квитанції.
reports-message-refused-contact = Не надіслано: заявник не залишив контактних даних.
reports-message-refused-via = Не надіслано: це повідомлення не має квитанції, тож заявник не зможе прочитати залишене для неї запитання.
reports-ask-submit = Надіслати запитання
reports-message-invalid = Лист не може бути порожнім (до 10 000 символів).
reports-triage = Рішення
reports-case-title = Назва нової справи
reports-case-person-hint = За бажанням назвіть особу, яка перебуває під загрозою; її буде додано до справи як постраждалу особу.
reports-open-case = Відкрити справу
reports-refer-to = Кого залучено (партнер, служба)
reports-refer = Позначити як перенаправлене
reports-close-reason = Чому закрити? (обов’язково)
reports-close = Закрити повідомлення
reports-reason-needed = Щоб закрити повідомлення, потрібна причина.
reports-move-invalid = Цей крок зараз неможливий для повідомлення (спершу проведіть первинну оцінку, або його вже завершено).
reports-title-needed = Дайте назву новій справі.
reports-person-invalid = Ім’я або прізвище особи недійсні.

channel-public = Публічна форма
channel-phone = Телефон
channel-email = Електронна пошта
channel-sms = SMS
channel-walk_in = Особисте звернення
channel-web = Вебсайт
report-status-new = Нове
report-status-screened = Оцінено
report-status-referred = Перенаправлено
report-status-case_opened = Справу відкрито
report-status-closed = Закрито
verdict-trafficking = Торгівля людьми: наявні всі елементи юридичного визначення
verdict-possible_trafficking = Можлива торгівля людьми: деякі елементи наявні, решту треба з’ясувати
verdict-forced_labour = Примусова праця
verdict-smuggling = Незаконне ввезення мігрантів; за відомими даними — не торгівля людьми
verdict-no_indication = За відомими даними ознак торгівлі людьми немає

# Issue 11: report numbers, the queue's filters and pages, taking a report, confirmations.
reports-danger-flag-screened = Заявник повідомив, що хтось зараз у небезпеці; первинна оцінка визначила, що це не терміново.
reports-col-number = Номер
reports-col-assignee = Узяв у роботу
reports-nobody = ніхто
reports-held-by-you = Ви взяли це повідомлення в роботу.
reports-held-by = { $holder } взяв(-ла) це повідомлення в роботу.
reports-held-by-nobody = Це повідомлення ще ніхто не взяв у роботу.
reports-take = Взяти в роботу
reports-release = Повернути в чергу
reports-take-ended = Роботу з цим повідомленням завершено: його більше не можна взяти.
reports-take-over-heading = Перейняти це повідомлення?
reports-take-over-heading-text = { $holder } взяв(-ла) повідомлення { $number } у роботу. Перейняти його?
reports-take-over-confirm = Так, перейняти
reports-release-other-heading = Повернути в чергу повідомлення, яке взяв колега?
reports-release-other-heading-text = { $holder } взяв(-ла) повідомлення { $number } у роботу. Повернути його в чергу?
reports-release-other-confirm = Так, повернути
reports-confirm-cancel = Ні, назад до повідомлення
reports-close-confirm-heading = Закрити це повідомлення?
reports-close-confirm-text = Повідомлення { $number } буде закрито із зазначеною причиною. Воно зникне з черги, і його не можна буде відкрити знову.
reports-close-confirm-submit = Так, закрити повідомлення
reports-find-label = Знайти повідомлення за номером
reports-find-hint = Наприклад, R-2026-00042.
reports-find-submit = Знайти
reports-find-invalid = Введіть номер повідомлення, наприклад R-2026-00042.
reports-filter-error-summary = Деякі фільтри не вдалося прочитати. Виправте позначені; доти повідомлення не показуються.
reports-filter-invalid = Виберіть одне зі значень зі списку.
reports-filter-page = Номер сторінки має бути цілим числом, не меншим за 1.
reports-filter-any = Будь-яке
reports-filter-status-open = Очікують (нові або оцінені)
reports-filter-status-all = Усі
reports-filter-assignee-anyone = Будь-хто або ніхто
reports-filter-assignee-me = Узяті мною
reports-filter-assignee-nobody = Не взяті
reports-filter-sort = Порядок
reports-filter-sort-urgent = Спершу термінові, потім ті, що чекають найдовше
reports-filter-sort-oldest = Спершу найстаріші
reports-filter-sort-newest = Спершу найновіші
reports-filter-urgent = Лише термінові
reports-filter-submit = Показати
reports-total = { $count ->
    [0] Жодне повідомлення не відповідає.
    [one] Відповідає { $count } повідомлення.
    [few] Відповідають { $count } повідомлення.
    [many] Відповідають { $count } повідомлень.
   *[other] Повідомлень, що відповідають: { $count }.
}
reports-caption = Повідомлення, по одному в рядку
reports-pages = Сторінки черги
reports-page-previous = Попередня сторінка
reports-page-next = Наступна сторінка
reports-page-of = Сторінка { $page } з { $pages }
report-error-summary = Ваше повідомлення ще не надіслано. Виправте позначене поле: усе, що ви ввели, збережено тут.
report-kept = Усе, що ви ввели, залишилося у формі нижче.
reports-waited-days = { $days } д { $hours } год
reports-waited-hours = { $hours } год { $minutes } хв
reports-waited-minutes = { $minutes } хв
