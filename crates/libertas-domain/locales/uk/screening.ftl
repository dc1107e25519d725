# Libertas — причини і мітки первинної оцінки, українська (Ukrainian).
#
# Кожна причина — це повне речення, яке оператор може прочитати абонентові. Id відповідають
# `ReasonId` у src/reports/screening/reasons.rs; мітки мають вигляд `screening-{kind}-{code}`
# з дефісами замість підкреслень. Списки надходять уже об’єднаними («a, b і c»).

## Списки

screening-list-and = і

## Причини, що визначають висновок

screening-reason-trafficking = Це торгівля людьми: є дія ({ $acts }), спосіб ({ $means }) і мета експлуатації ({ $purposes }) — три елементи, визначені Палермським протоколом, стаття 3(a).
screening-reason-trafficking-child = Це торгівля людьми: особі { $age ->
        [0] менше одного року
        [one] { $age } рік
        [few] { $age } роки
        [many] { $age } років
       *[other] { $age } року
    }, тобто це дитина, тож достатньо дії ({ $acts }) з метою експлуатації ({ $purposes }). Для дитини спосіб не потрібен (Палермський протокол, стаття 3(c)).
screening-reason-possible-age-unknown = Це може бути торгівля людьми: є дія ({ $acts }) і мета експлуатації ({ $purposes }), але спосіб не описано, а вік особи невідомий. Якщо особі менше 18 років, це торгівля людьми, бо для дитини спосіб не потрібен. З’ясуйте вік, а доти поводьтеся з особою як із дитиною.
screening-reason-forced-labour = Це вказує на примусову працю: є способи ({ $means }), застосовані з метою: { $purposes }, але не описано жодної дії, як-от вербування, перевезення чи приховування. Якщо хтось вербував, переміщував чи поселяв особу з цією метою, це також торгівля людьми.
screening-reason-smuggling = Це схоже на незаконне ввезення мігрантів: комусь заплатили за організацію незаконного перетину кордону, а жодного способу, ознак примусової праці чи мети експлуатації не описано. Незаконне ввезення — злочин радше проти держави, ніж проти особи, але воно може перетворитися на торгівлю людьми.
screening-reason-possible-trafficking = Це може бути торгівля людьми чи примусова праця: деякі ознаки описано, але не всі елементи, яких вимагає визначення. Розглядайте це як можливу торгівлю людьми і з’ясуйте більше.
screening-reason-no-indication = Ніщо з описаного досі не вказує на торгівлю людьми, примусову працю чи незаконне ввезення мігрантів. Якщо з’явиться нова інформація, проведіть оцінку знову.

## Чого бракує

screening-reason-missing-act = Дію не описано: не зазначено, що хтось вербував, перевозив, передавав, приховував чи одержував особу. Запитайте, як особа опинилася в цій ситуації.
screening-reason-missing-means = Спосіб не описано, як-от погрози, сила, обман, борги, відібрані документи чи зловживання уразливістю положення особи. Доросла особа є жертвою торгівлі людьми лише тоді, коли було застосовано спосіб (Палермський протокол, стаття 3(a)); для дитини він не потрібен.
screening-reason-missing-purpose = Мету експлуатації не описано, як-от сексуальна експлуатація, примусова праця, домашнє підневільне становище, примусове жебрацтво чи примус до злочинів, примусовий шлюб або вилучення органів. Запитайте, що особу змушують робити або збиралися змусити робити.
screening-reason-child-no-means-needed = Особі { $age ->
        [0] менше одного року
        [one] { $age } рік
        [few] { $age } роки
        [many] { $age } років
       *[other] { $age } року
    }, тобто це дитина, тож спосіб не потрібен: для торгівлі людьми достатньо дії та мети експлуатації (Палермський протокол, стаття 3(c)).

## Терміновість

screening-reason-in-danger-now = Хтось зараз у небезпеці: спершу зателефонуйте за номером екстреної допомоги.
screening-reason-urgent-child = Можливо, дитина стала жертвою торгівлі людьми: розглядайте це як термінове і дотримуйтеся процедури захисту дітей.
screening-reason-urgent-violence = Описано фізичне чи сексуальне насильство: розглядайте це як термінове.

## Індикатори, кордони, закон і згода

screening-reason-indicators-found = { $count ->
    [one] Описано { $count } з 11 індикаторів примусової праці ILO
    [few] Описано { $count } з 11 індикаторів примусової праці ILO
    [many] Описано { $count } з 11 індикаторів примусової праці ILO
   *[other] Описано { $count } з 11 індикаторів примусової праці ILO
}: { $indicators }.
screening-reason-means-from-indicators = Ці ознаки також вважаються способами торгівлі людьми: { $indicators } (як { $means }).
screening-reason-indicators-not-means = Самі собою ці ознаки примусової праці не є способами торгівлі людьми: { $indicators }.
screening-reason-smuggling-with-signs = Комусь заплатили за організацію незаконного перетину кордону, але є й ознаки експлуатації, тож це не лише незаконне ввезення мігрантів: незаконне ввезення не виключає торгівлі людьми.
screening-reason-ask-free-on-arrival = Запитайте, чи могла особа після прибуття вільно піти, куди хоче: якщо ні, це ознака торгівлі людьми, а не незаконного ввезення.
screening-reason-not-free-on-arrival = Після прибуття особа не могла вільно піти, а це ознака торгівлі людьми чи примусової праці, а не незаконного ввезення.
screening-reason-uk-no-means-for-adults = Згідно зі статтею 2 Закону про сучасне рабство 2015 року (Modern Slavery Act 2015), який тут застосовується, для дорослих спосіб теж не потрібен: організація поїздки особи чи сприяння їй з метою експлуатації є злочином, навіть якщо особа погодилася. За національним законодавством це може бути торгівлею людьми.
screening-reason-consent-irrelevant = Згода особи не змінює цієї оцінки: якщо застосовано будь-який зі способів, згода на експлуатацію не береться до уваги (Палермський протокол, стаття 3(b)). Обережно розпитайте про погрози, обман, борги чи залежність.
screening-reason-consent-child = Згода дитини не змінює цієї оцінки: дитина не може погодитися на експлуатацію, і спосіб не потрібен (Палермський протокол, стаття 3(c)).


## Мітки: дії

screening-act-recruitment = вербування
screening-act-transportation = перевезення
screening-act-transfer = передача
screening-act-harbouring = приховування
screening-act-receipt = одержання

## Мітки: способи

screening-means-threat = погрози
screening-means-force = сила
screening-means-coercion = примус
screening-means-abduction = викрадення
screening-means-fraud = шахрайство
screening-means-deception = обман
screening-means-abuse-of-power = зловживання владою
screening-means-abuse-of-vulnerability = зловживання уразливістю положення
screening-means-payment-to-controller = підкуп у вигляді платежів особі, яка контролює іншу особу

## Мітки: мета

screening-purpose-sexual-exploitation = сексуальна експлуатація
screening-purpose-online-sexual-exploitation = сексуальна експлуатація в інтернеті
screening-purpose-forced-labour = примусова праця
screening-purpose-domestic-servitude = домашнє підневільне становище
screening-purpose-forced-begging = примусове жебрацтво
screening-purpose-forced-criminality = примус до злочинної діяльності
screening-purpose-forced-marriage = примусовий шлюб
screening-purpose-slavery = рабство
screening-purpose-servitude = підневільний стан
screening-purpose-organ-removal = вилучення органів

## Мітки: індикатори ILO

screening-indicator-abuse-of-vulnerability = зловживання вразливістю
screening-indicator-deception = обман
screening-indicator-restriction-of-movement = обмеження свободи пересування
screening-indicator-isolation = ізоляція
screening-indicator-physical-and-sexual-violence = фізичне та сексуальне насильство
screening-indicator-intimidation-and-threats = залякування та погрози
screening-indicator-retention-of-identity-documents = утримання документів, що посвідчують особу
screening-indicator-withholding-of-wages = утримання заробітної плати
screening-indicator-debt-bondage = боргова кабала
screening-indicator-abusive-working-and-living-conditions = жорстокі умови праці та проживання
screening-indicator-excessive-overtime = надмірна понаднормова робота
