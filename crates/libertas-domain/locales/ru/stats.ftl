# Libertas — показатели правосудия (/indicators), Russian.
stats-title = Показатели правосудия
stats-from = С
stats-to = По
stats-scope = Чья работа
stats-scope-organisation = Моя организация
stats-scope-network = Все организации в этой системе Libertas
stats-show = Показать
stats-period = Период:
stats-protected = Вы видите опубликованные данные за целый календарный квартал. Значения от 1 до 4 не показываются, как и любые данные, по которым их можно было бы вычислить из других (или из другого периода, или из данных вашей собственной организации). Доли показываются, только если показаны оба их числа; медианы — только в виде интервала, в который они попадают.
stats-published = Данные за { $quarter }.
stats-published-on = Опубликовано { $date }; опубликованный квартал не меняется.
stats-median-band = медиана в интервале: { $band }
stats-key-figures = Основные показатели
stats-not-shown = не показано
stats-days = { $value ->
    [one] { $value } день
    [few] { $value } дня
    [many] { $value } дней
   *[other] { $value } дней
}
stats-months = { $value ->
    [one] { $value } месяц
    [few] { $value } месяца
    [many] { $value } месяцев
   *[other] { $value } месяцев
}
stats-cases = Открыто дел
stats-victims-identified = Идентифицировано пострадавших
stats-brought-to-safety = Пострадавших выведено в безопасное место
stats-with-care-plan = Идентифицированные пострадавшие с планом помощи
stats-assistance-rate = Доля получивших помощь
stats-charges = Предъявлено обвинений
stats-verdicts = Решения суда
stats-convictions = Обвинительные приговоры
stats-conviction-rate = Доля обвинительных приговоров
stats-referral-to-charge = Медианное время от направления до предъявления обвинения
stats-charge-to-verdict = Медианное время от предъявления обвинения до решения суда
stats-sentence = Медианный срок лишения свободы
stats-training-events = Учебные мероприятия
stats-participants = Обучено специалистов
stats-chart-stages = Дела по этапам
stats-chart-stages-desc = Дела, открытые за период, по самому дальнему этапу, которого достигло каждое из них.
stats-chart-verdicts = Решения суда по результату
stats-chart-verdicts-desc = Решения суда, вынесенные за период, по результату.
stats-chart-sentences = Сроки лишения свободы
stats-chart-sentences-desc = Сроки лишения свободы по решениям суда за период, по продолжительности в месяцах.
stats-chart-verdict-time = Время от предъявления обвинения до решения суда
stats-chart-verdict-time-desc = Решения суда, вынесенные за период, по числу дней от предъявления обвинения до решения.
stats-chart-referral = Время от направления до предъявления обвинения
stats-chart-referral-desc = Дела, по которым первое обвинение было предъявлено за период, по числу дней от направления (или открытия дела) до этого обвинения.
stats-chart-reach = Охват обучения по целевым группам
stats-chart-reach-desc = Специалисты, участвовавшие в учебных мероприятиях за период, по профессиям.
stats-stage-opened = Открыто
stats-stage-victim-identified = Пострадавший идентифицирован
stats-stage-charged = Предъявлено обвинение
stats-stage-verdict = Вынесено решение суда
stats-verdict-convicted = Осуждён
stats-verdict-acquitted = Оправдан
stats-verdict-dismissed = Дело прекращено
stats-verdict-withdrawn = Обвинение отозвано
stats-band-0-12 = До 12 месяцев
stats-band-13-36 = От 13 до 36 месяцев
stats-band-37-60 = От 37 до 60 месяцев
stats-band-61-120 = От 61 до 120 месяцев
stats-band-121-plus = Более 120 месяцев
stats-audience-police = Полиция
stats-audience-prosecutor = Прокуроры
stats-audience-judge = Судьи
stats-audience-social-worker = Социальные работники
stats-audience-other = Другие
stats-duration-0-30 = До 30 дней
stats-duration-31-90 = От 31 до 90 дней
stats-duration-91-180 = От 91 до 180 дней
stats-duration-181-365 = От 181 до 365 дней
stats-duration-366-plus = Более года
