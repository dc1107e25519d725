# Libertas — судопроизводство: роли подозреваемых, обвинения, заседания, решения суда, наказания, хронология дела, Russian.
proceedings-title = Подозреваемые и судопроизводство
proceedings-link = Подозреваемые и судопроизводство
proceedings-suspects = Подозреваемые
proceedings-no-suspects = В этом деле пока нет подозреваемых. Добавьте людей с ролью «подозреваемый» на странице дела.
proceedings-roles = Роли в процессе торговли людьми
proceedings-no-roles = не указаны
proceedings-set-roles = Указать роли
proceedings-roles-help = Роли (HTCDS «role in process»; выберите все подходящие)
proceedings-save-roles = Сохранить роли
proceedings-role-TravellingPartner = Попутчик
proceedings-role-Transporter = Перевозчик
proceedings-role-RecruiterOrIntermediary = Вербовщик или посредник
proceedings-role-BrokerTravelAgent = Брокер или турагент
proceedings-role-TransferredIndividual = Передал человека
proceedings-role-HarbouredIndividual = Укрывал человека
proceedings-role-SoldIndividual = Продал человека
proceedings-role-BoughtIndividual = Купил человека
proceedings-role-ReceivedIndividual = Получил человека
proceedings-role-ControlledIndividual = Контролировал человека
proceedings-role-Smuggler = Лицо, осуществляющее незаконный ввоз
proceedings-role-Abuser = Лицо, совершавшее насилие
proceedings-role-Kidnapper = Похититель
proceedings-role-Exploiter = Эксплуататор
proceedings-role-Controller = Организатор (руководит деятельностью)
proceedings-role-Financier = Финансист
proceedings-role-Other = Другое
proceedings-charges = Обвинения
proceedings-no-charges = Обвинения пока не предъявлены.
proceedings-suspect = Подозреваемый
proceedings-law = Закон
proceedings-section = Статья или раздел
proceedings-counts = Количество эпизодов
proceedings-filed-on = Дата предъявления
proceedings-note = Примечание
proceedings-add-charge = Предъявить обвинение
proceedings-hearings = Заседания
proceedings-no-hearings = Заседания не записаны.
proceedings-add-case-hearing = Записать заседание по делу в целом
proceedings-case-hearings = Заседания по делу в целом
proceedings-date = Дата
proceedings-kind = Вид
proceedings-court = Суд
proceedings-hearing-outcome = Что произошло
proceedings-add-hearing = Записать заседание
proceedings-kind-first_appearance = Первая явка в суд
proceedings-kind-preliminary = Предварительное слушание
proceedings-kind-bail = Слушание об освобождении под залог
proceedings-kind-trial = Судебное разбирательство
proceedings-kind-sentencing = Назначение наказания
proceedings-kind-appeal = Апелляция
proceedings-kind-other = Другое
proceedings-verdict = Решение суда
proceedings-no-verdict = Решения суда пока нет.
proceedings-add-verdict = Записать решение суда
proceedings-outcome-convicted = Осуждён
proceedings-outcome-acquitted = Оправдан
proceedings-outcome-dismissed = Дело прекращено
proceedings-outcome-withdrawn = Обвинение отозвано
proceedings-sentence = Наказание
proceedings-add-sentence = Записать наказание
proceedings-prison-months = Лишение свободы (месяцы)
proceedings-suspended = Условно
proceedings-fine = Штраф
proceedings-currency = Валюта (код ISO, например GBP, RON, EUR)
proceedings-restitution = Возмещение ущерба
proceedings-restitution-to = Возмещение ущерба: { $name }
proceedings-sentence-date = Дата назначения наказания (пусто — дата решения суда)
proceedings-no-prison = Без лишения свободы
proceedings-prison = { $months ->
    [one] Лишение свободы на { $months } месяц
    [few] Лишение свободы на { $months } месяца
    [many] Лишение свободы на { $months } месяцев
   *[other] Лишение свободы на { $months } месяцев
}
proceedings-prison-suspended = { $months ->
    [one] Лишение свободы на { $months } месяц условно
    [few] Лишение свободы на { $months } месяца условно
    [many] Лишение свободы на { $months } месяцев условно
   *[other] Лишение свободы на { $months } месяцев условно
}
proceedings-erased = (удалено)
proceedings-error-conflict = Это уже записано: по обвинению выносится одно окончательное решение суда, а по решению — одно наказание.
timeline-link = Хронология
timeline-title = Хронология дела
timeline-empty = В этом деле пока нет событий с датой.
timeline-kind-report = Сообщение
timeline-kind-decision = Идентификация
timeline-kind-evidence = Доказательство
timeline-kind-custody = Хранение
timeline-kind-charge = Обвинение
timeline-kind-hearing = Заседание
timeline-kind-verdict = Решение суда
timeline-kind-sentence = Наказание
timeline-report = Получено сообщение ({ $channel })
timeline-referral = Направлен(а) на идентификацию: { $person }
timeline-reasonable-grounds = Решение о наличии разумных оснований, { $outcome ->
    [positive] положительное
   *[other] отрицательное
 }: { $person }
timeline-conclusive-grounds = Окончательное решение, { $outcome ->
    [positive] положительное
   *[other] отрицательное
 }: { $person }
timeline-evidence-intake = Получено доказательство: { $file } (SHA-256 { $sha }…)
timeline-evidence-transfer = Доказательство { $file } передано; передал(а): { $from }, получил(а): { $to }
timeline-evidence-verified = Хеш доказательства { $file } вычислен заново: { $outcome ->
    [ok] совпадает с хешем при приёме
   *[other] ОШИБКА ({ $outcome })
 }
timeline-charge = Предъявлено обвинение: { $law } { $section }, количество эпизодов: { $counts } — { $suspect }
timeline-hearing = Заседание ({ $kind ->
    [first_appearance] первая явка в суд
    [preliminary] предварительное слушание
    [bail] об освобождении под залог
    [trial] судебное разбирательство
    [sentencing] назначение наказания
    [appeal] апелляция
   *[other] другое
 }), суд: { $court }
timeline-hearing-outcome = Заседание ({ $kind ->
    [first_appearance] первая явка в суд
    [preliminary] предварительное слушание
    [bail] об освобождении под залог
    [trial] судебное разбирательство
    [sentencing] назначение наказания
    [appeal] апелляция
   *[other] другое
 }), суд: { $court }: { $outcome }
timeline-verdict = Решение суда: { $outcome ->
    [convicted] осуждён
    [acquitted] оправдан
    [dismissed] дело прекращено
   *[withdrawn] обвинение отозвано
 } — { $law } { $section } — { $suspect }
timeline-sentence = Наказание: { $prison ->
    [none] без лишения свободы
    [one] лишение свободы на { $prison } месяц
    [few] лишение свободы на { $prison } месяца
    [many] лишение свободы на { $prison } месяцев
   *[other] лишение свободы на { $prison } месяцев
 }{ $suspended ->
    [yes] {", условно"}
   *[no] {""}
 }{ $fine ->
    [none] {""}
   *[other] {"; штраф "}{ $fine }
 }{ $restitution ->
    [none] {""}
   *[other] {"; возмещение ущерба: "}{ $restitution }
 }
timeline-kind-operation = Операция
timeline-kind-referral = Направление
timeline-operation-planned = Запланирована операция: { $name }
timeline-operation-executed = Проведена операция: { $name } — людей выведено в безопасное место: { $people }
timeline-operation-cancelled = Отменена операция: { $name }
timeline-referral-made = { $kind ->
    [transfer] Передача
   *[other] Направление
}: { $person } → { $partner } (статус: { $status ->
    [requested] запрошено
    [accepted] принято
    [rejected] отклонено
    [done] выполнено
   *[other] отозвано
})
