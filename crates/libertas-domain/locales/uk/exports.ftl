# Exports (uk): сторінка експорту, список у вигляді файлу CSV або XLSX.
exports-title = Експорт списку
exports-help = Завантажте доступний вам список як файл: ті самі рядки, що показує його сторінка. Кожен експорт записується до журналу аудиту.
exports-list = Список
exports-list-cases = Справи
exports-list-people = Люди
exports-list-tasks = Відкриті завдання
exports-list-referrals = Направлення
exports-list-services = Послуги допомоги
exports-list-trainings = Навчальні заходи
exports-format = Формат файлу
exports-format-csv = CSV (значення через кому)
exports-format-xlsx = Книга Excel (XLSX)
exports-personal = Включити персональні дані (імена, дати народження, контакти, назви та нотатки)
exports-passphrase-heading = Пароль файлу
exports-passphrase-help = З персональними даними файл — це ZIP-архів, зашифрований AES-256. Він відкривається лише цим паролем:
exports-passphrase-once = Запишіть або скопіюйте його зараз і зберігайте окремо від файлу. Він показується лише тут і не зберігається в Libertas; кожне відкриття цієї сторінки створює новий.
exports-no-personal = Ваша роль не експортує персональні дані: у файлі лише коди, дати та кількості.
exports-submit = Експортувати список
exports-error-list = Виберіть один зі списків.
exports-error-format = Виберіть CSV або XLSX.
exports-error-personal = Це поле можна лише позначити або залишити порожнім.
exports-error-passphrase = Пароль не збігається зі створеним цією сторінкою. Використайте новий, показаний тут.
home-link-exports = Експорт списку
exports-error-busy-user = У вас уже 3 експорти, які готуються або чекають на завантаження. Завантажте їх або зачекайте, доки їх буде видалено (через 15 хвилин після готовності), і спробуйте знову.
exports-error-busy-server = Сервер зараз готує або зберігає стільки експортів, скільки може. Спробуйте знову за кілька хвилин.
# The job page: an export running in the background, then its download.
exports-job-title = Ваш експорт
exports-job-what-personal = { $what }, з персональними даними (зашифрований ZIP)
exports-job-status = Хід виконання
exports-job-progress-label = Прочитано записів
exports-job-progress = { $done } з { $total ->
    [one] { $total_text } запису
    [few] { $total_text } записів
    [many] { $total_text } записів
   *[other] { $total_text } запису
}
exports-job-waiting = Очікування завершення іншого експорту.
exports-job-reading = Підрахунок записів…
exports-job-writing = Усі записи прочитано; файл записується…
exports-job-stopped = Експорт зупинено.
exports-job-failed-forbidden = Ваша роль більше не може експортувати цей список, тому експорт зупинено і файл не створено.
exports-job-failed-internal = Під час створення файлу на сервері сталася помилка, тому файл не створено і нічого не збережено. Спробуйте знову; якщо це повториться, повідомте адміністратору, коли це сталося.
exports-job-refreshing = Ця сторінка оновлюється сама кожні 5 секунд, доки файл не буде готовий.
exports-job-refresh-off = Зупинити автоматичне оновлення
exports-job-check = Перевірити знову
exports-job-refresh-on = Оновлювати автоматично
exports-job-download = Завантажити { $name }
exports-job-file-encrypted = Файл — ZIP-архів, зашифрований AES-256. Він відкривається паролем, який показала форма експорту; Libertas його не зберіг.
exports-job-file-plain = У файлі немає персональних даних.
exports-job-kept = Файл зберігається на сервері, лише в пам'яті, до { $until }, потім видаляється. Після цього експортуйте список знову.
exports-job-another = Експортувати інший список
