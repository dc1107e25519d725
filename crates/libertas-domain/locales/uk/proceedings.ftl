# Libertas — провадження (uk): ролі підозрюваних, обвинувачення, судові засідання, вироки, покарання, хронологія справи, українська (Ukrainian).
proceedings-title = Підозрювані та провадження
proceedings-link = Підозрювані та провадження
proceedings-suspects = Підозрювані
proceedings-no-suspects = У цій справі ще немає підозрюваних. Додайте людей із роллю «підозрюваний» на сторінці справи.
proceedings-roles = Ролі в процесі торгівлі людьми
proceedings-no-roles = не записано
proceedings-set-roles = Призначити ролі
proceedings-roles-help = Ролі (HTCDS «role in process» — роль у процесі; оберіть усі, що стосуються)
proceedings-save-roles = Зберегти ролі
proceedings-role-TravellingPartner = Супутник у поїздці
proceedings-role-Transporter = Перевізник
proceedings-role-RecruiterOrIntermediary = Вербувальник або посередник
proceedings-role-BrokerTravelAgent = Брокер або турагент
proceedings-role-TransferredIndividual = Передав(ла) особу
proceedings-role-HarbouredIndividual = Приховував(ла) особу
proceedings-role-SoldIndividual = Продав(ла) особу
proceedings-role-BoughtIndividual = Купив(ла) особу
proceedings-role-ReceivedIndividual = Одержав(ла) особу
proceedings-role-ControlledIndividual = Контролював(ла) особу
proceedings-role-Smuggler = Переправник (незаконне ввезення мігрантів)
proceedings-role-Abuser = Кривдник
proceedings-role-Kidnapper = Викрадач
proceedings-role-Exploiter = Експлуататор
proceedings-role-Controller = Організатор (керує діяльністю)
proceedings-role-Financier = Фінансист
proceedings-role-Other = Інше
proceedings-charges = Обвинувачення
proceedings-no-charges = Обвинувачень ще не висунуто.
proceedings-suspect = Підозрюваний
proceedings-law = Закон
proceedings-section = Розділ або стаття
proceedings-counts = Кількість епізодів
proceedings-filed-on = Дата висунення
proceedings-note = Примітка
proceedings-add-charge = Висунути обвинувачення
proceedings-hearings = Судові засідання
proceedings-no-hearings = Судових засідань не записано.
proceedings-add-case-hearing = Записати засідання щодо всієї справи
proceedings-case-hearings = Засідання щодо всієї справи
proceedings-date = Дата
proceedings-kind = Вид
proceedings-court = Суд
proceedings-hearing-outcome = Що відбулося
proceedings-add-hearing = Записати засідання
proceedings-kind-first_appearance = Перша явка до суду
proceedings-kind-preliminary = Підготовче засідання
proceedings-kind-bail = Засідання щодо застави
proceedings-kind-trial = Судовий розгляд
proceedings-kind-sentencing = Призначення покарання
proceedings-kind-appeal = Апеляція
proceedings-kind-other = Інше
proceedings-verdict = Вирок
proceedings-no-verdict = Вироку ще немає.
proceedings-add-verdict = Записати вирок
proceedings-outcome-convicted = Засуджено
proceedings-outcome-acquitted = Виправдано
proceedings-outcome-dismissed = Провадження закрито
proceedings-outcome-withdrawn = Обвинувачення відкликано
proceedings-sentence = Покарання
proceedings-add-sentence = Записати покарання
proceedings-prison-months = Позбавлення волі (місяців)
proceedings-suspended = Умовно
proceedings-fine = Штраф
proceedings-currency = Валюта (код ISO, напр. GBP, RON, EUR)
proceedings-restitution = Відшкодування
proceedings-restitution-to = Відшкодування на користь { $name }
proceedings-sentence-date = Дата вироку щодо покарання (порожньо — дата вироку)
proceedings-no-prison = Без позбавлення волі
proceedings-prison = { $months ->
    [one] { $months } місяць позбавлення волі
    [few] { $months } місяці позбавлення волі
    [many] { $months } місяців позбавлення волі
   *[other] { $months } міс. позбавлення волі
}
proceedings-prison-suspended = { $months ->
    [one] { $months } місяць позбавлення волі, умовно
    [few] { $months } місяці позбавлення волі, умовно
    [many] { $months } місяців позбавлення волі, умовно
   *[other] { $months } міс. позбавлення волі, умовно
}
proceedings-erased = (видалено)
proceedings-error-conflict = Це вже записано: обвинувачення має один остаточний вирок, а вирок — одне покарання.
timeline-link = Хронологія
timeline-title = Хронологія справи
timeline-empty = У цій справі ще немає датованих подій.
timeline-kind-report = Повідомлення
timeline-kind-decision = Ідентифікація
timeline-kind-evidence = Доказ
timeline-kind-custody = Зберігання
timeline-kind-charge = Обвинувачення
timeline-kind-hearing = Засідання
timeline-kind-verdict = Вирок
timeline-kind-sentence = Покарання
timeline-report = Отримано повідомлення ({ $channel })
timeline-referral = Перенаправлено на ідентифікацію: { $person }
timeline-reasonable-grounds = Попереднє рішення (reasonable grounds), { $outcome ->
    [positive] позитивне
   *[other] негативне
 }: { $person }
timeline-conclusive-grounds = Остаточне рішення (conclusive grounds), { $outcome ->
    [positive] позитивне
   *[other] негативне
 }: { $person }
timeline-evidence-intake = Отримано доказ: { $file } (SHA-256 { $sha }…)
timeline-evidence-transfer = Доказ { $file } передано; від кого: { $from }; кому: { $to }
timeline-evidence-verified = Хеш доказу { $file } обчислено повторно: { $outcome ->
    [ok] збігається з хешем під час прийняття
   *[other] ПОМИЛКА ({ $outcome })
 }
timeline-charge = Обвинувачення: { $law } { $section }, кількість епізодів: { $counts } — { $suspect }
timeline-hearing = Засідання ({ $kind ->
    [first_appearance] перша явка до суду
    [preliminary] підготовче
    [bail] щодо застави
    [trial] судовий розгляд
    [sentencing] призначення покарання
    [appeal] апеляція
   *[other] інше
 }), суд: { $court }
timeline-hearing-outcome = Засідання ({ $kind ->
    [first_appearance] перша явка до суду
    [preliminary] підготовче
    [bail] щодо застави
    [trial] судовий розгляд
    [sentencing] призначення покарання
    [appeal] апеляція
   *[other] інше
 }), суд: { $court }: { $outcome }
timeline-verdict = Вирок: { $outcome ->
    [convicted] засуджено
    [acquitted] виправдано
    [dismissed] провадження закрито
   *[withdrawn] обвинувачення відкликано
 } — { $law } { $section } — { $suspect }
timeline-sentence = Покарання: { $prison ->
    [none] без позбавлення волі
    [one] { $prison } місяць позбавлення волі
    [few] { $prison } місяці позбавлення волі
    [many] { $prison } місяців позбавлення волі
   *[other] { $prison } міс. позбавлення волі
 }{ $suspended ->
    [yes] {", умовно"}
   *[no] {""}
 }{ $fine ->
    [none] {""}
   *[other] {"; штраф "}{ $fine }
 }{ $restitution ->
    [none] {""}
   *[other] {"; відшкодування на користь: "}{ $restitution }
 }
timeline-kind-operation = Операція
timeline-kind-referral = Перенаправлення
timeline-operation-planned = Заплановано операцію: { $name }
timeline-operation-executed = Проведено операцію: { $name } — кількість людей, виведених у безпеку: { $people }
timeline-operation-cancelled = Скасовано операцію: { $name }
timeline-referral-made = { $kind ->
    [transfer] Передача справи
   *[other] Перенаправлення
}: { $person } → { $partner } ({ $status ->
    [requested] запитано
    [accepted] прийнято
    [rejected] відхилено
    [done] виконано
   *[other] відкликано
})
