# Exports (ru): страница экспорта, список в виде файла CSV или XLSX.
exports-title = Экспорт списка
exports-help = Скачайте доступный вам список в виде файла: те же строки, что показывает его страница. Каждый экспорт записывается в журнал аудита.
exports-list = Список
exports-list-cases = Дела
exports-list-people = Люди
exports-list-tasks = Открытые задачи
exports-list-referrals = Направления
exports-list-services = Услуги помощи
exports-list-trainings = Обучающие мероприятия
exports-format = Формат файла
exports-format-csv = CSV (значения через запятую)
exports-format-xlsx = Книга Excel (XLSX)
exports-personal = Включить персональные данные (имена, даты рождения, контакты, названия и заметки)
exports-passphrase-heading = Пароль файла
exports-passphrase-help = С персональными данными файл — это ZIP-архив, зашифрованный AES-256. Он открывается только этим паролем:
exports-passphrase-once = Запишите или скопируйте его сейчас и храните отдельно от файла. Он показывается только здесь и не хранится в Libertas; при каждом открытии этой страницы создаётся новый.
exports-no-personal = Ваша роль не экспортирует персональные данные: в файле только коды, даты и количества.
exports-submit = Экспортировать список
exports-error-list = Выберите один из списков.
exports-error-format = Выберите CSV или XLSX.
exports-error-personal = Это поле можно только отметить или оставить пустым.
exports-error-passphrase = Пароль не совпадает с созданным этой страницей. Используйте новый, показанный здесь.
home-link-exports = Экспорт списка
exports-error-busy-user = У вас уже 3 экспорта, которые готовятся или ждут скачивания. Скачайте их или подождите, пока они будут удалены (через 15 минут после готовности), и попробуйте снова.
exports-error-busy-server = Сервер сейчас готовит или хранит столько экспортов, сколько может. Попробуйте снова через несколько минут.
# The job page: an export running in the background, then its download.
exports-job-title = Ваш экспорт
exports-job-what-personal = { $what }, с персональными данными (зашифрованный ZIP)
exports-job-status = Ход выполнения
exports-job-progress-label = Прочитано записей
exports-job-progress = { $done } из { $total ->
    [one] { $total_text } записи
    [few] { $total_text } записей
    [many] { $total_text } записей
   *[other] { $total_text } записи
}
exports-job-waiting = Ожидание завершения другого экспорта.
exports-job-reading = Подсчёт записей…
exports-job-writing = Все записи прочитаны; файл записывается…
exports-job-stopped = Экспорт остановлен.
exports-job-failed-forbidden = Ваша роль больше не может экспортировать этот список, поэтому экспорт остановлен и файл не создан.
exports-job-failed-internal = При создании файла на сервере произошла ошибка, поэтому файл не создан и ничего не сохранено. Попробуйте снова; если это повторится, сообщите администратору, когда это произошло.
exports-job-refreshing = Эта страница обновляется сама каждые 5 секунд, пока файл не будет готов.
exports-job-refresh-off = Остановить автоматическое обновление
exports-job-check = Проверить снова
exports-job-refresh-on = Обновлять автоматически
exports-job-download = Скачать { $name }
exports-job-file-encrypted = Файл — ZIP-архив, зашифрованный AES-256. Он открывается паролем, который показала форма экспорта; Libertas его не сохранил.
exports-job-file-plain = В файле нет персональных данных.
exports-job-kept = Файл хранится на сервере, только в памяти, до { $until }, затем удаляется. После этого экспортируйте список снова.
exports-job-another = Экспортировать другой список
