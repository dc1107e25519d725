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

# The subject of a test send of an update starts with this.
updates-mail-test-prefix = [Тест]
