# Libertas — показники правосуддя (/indicators), українська (Ukrainian).
stats-title = Показники правосуддя
stats-from = З
stats-to = По
stats-scope = Чия робота
stats-scope-organisation = Моя організація
stats-scope-network = Усі організації в цьому Libertas
stats-show = Показати
stats-period = Період:
stats-protected = Ви бачите опубліковані дані за цілий календарний квартал. Значення від 1 до 4 не показано, як і будь-які дані, з яких їх можна було б обчислити на основі інших (або іншого періоду, або даних вашої власної організації). Частки показано лише тоді, коли показано обидва числа, з яких їх обчислено; медіани — лише як інтервал, у який вони потрапляють.
stats-published = Дані за { $quarter }.
stats-published-on = Опубліковано { $date }; опублікований квартал не змінюється.
stats-median-band = медіана в інтервалі: { $band }
stats-key-figures = Основні показники
stats-not-shown = не показано
stats-days = { $value ->
    [one] { $value } день
    [few] { $value } дні
    [many] { $value } днів
   *[other] { $value } дн.
}
stats-months = { $value ->
    [one] { $value } місяць
    [few] { $value } місяці
    [many] { $value } місяців
   *[other] { $value } міс.
}
stats-cases = Відкрито справ
stats-victims-identified = Ідентифіковано постраждалих осіб
stats-brought-to-safety = Постраждалих осіб виведено в безпеку
stats-with-care-plan = Ідентифіковані постраждалі особи з планом допомоги
stats-assistance-rate = Частка охоплених допомогою
stats-charges = Висунуто обвинувачень
stats-verdicts = Вироки
stats-convictions = Обвинувальні вироки
stats-conviction-rate = Частка обвинувальних вироків
stats-referral-to-charge = Медіанний час від перенаправлення до обвинувачення
stats-charge-to-verdict = Медіанний час від обвинувачення до вироку
stats-sentence = Медіанний строк позбавлення волі
stats-training-events = Навчальні заходи
stats-participants = Навчено фахівців
stats-chart-stages = Справи за етапами
stats-chart-stages-desc = Справи, відкриті за період, за найдальшим етапом, якого досягла кожна з них.
stats-chart-verdicts = Вироки за результатом
stats-chart-verdicts-desc = Вироки, винесені за період, за результатом.
stats-chart-sentences = Строки позбавлення волі за тривалістю
stats-chart-sentences-desc = Строки позбавлення волі у вироках за період, за тривалістю в місяцях.
stats-chart-verdict-time = Час від обвинувачення до вироку
stats-chart-verdict-time-desc = Вироки, винесені за період, за кількістю днів від обвинувачення до вироку.
stats-chart-referral = Час від перенаправлення до обвинувачення
stats-chart-referral-desc = Справи, у яких перше обвинувачення висунуто за період, за кількістю днів від перенаправлення (або відкриття справи) до цього обвинувачення.
stats-chart-reach = Охоплення навчанням за цільовими групами
stats-chart-reach-desc = Фахівці, які взяли участь у навчальних заходах за період, за професією.
stats-stage-opened = Відкрито
stats-stage-victim-identified = Постраждалу особу ідентифіковано
stats-stage-charged = Висунуто обвинувачення
stats-stage-verdict = Винесено вирок
stats-verdict-convicted = Засуджено
stats-verdict-acquitted = Виправдано
stats-verdict-dismissed = Провадження закрито
stats-verdict-withdrawn = Обвинувачення відкликано
stats-band-0-12 = До 12 місяців
stats-band-13-36 = Від 13 до 36 місяців
stats-band-37-60 = Від 37 до 60 місяців
stats-band-61-120 = Від 61 до 120 місяців
stats-band-121-plus = Понад 120 місяців
stats-audience-police = Поліція
stats-audience-prosecutor = Прокурори
stats-audience-judge = Судді
stats-audience-social-worker = Соціальні працівники
stats-audience-other = Інші
stats-duration-0-30 = До 30 днів
stats-duration-31-90 = Від 31 до 90 днів
stats-duration-91-180 = Від 91 до 180 днів
stats-duration-181-365 = Від 181 до 365 днів
stats-duration-366-plus = Понад рік
