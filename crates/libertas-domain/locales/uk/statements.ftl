# Річні довідки про пожертви (PDF, сторінка порталу, лист із довідкою).

statement-title = Довідка про пожертви за { $year } рік
statement-donor = Для
statement-issued = Видано { $date }
statement-date = Дата надходження
statement-amount = Сума
statement-method = Спосіб
statement-total = Разом
statement-thanks = Дякуємо, що ви поруч із людьми, яким ми допомагаємо. Ваші пожертви у { $year } році зробили нашу роботу можливою.
statement-legal = Ця довідка містить усі пожертви, які { $organisation } отримала від вас з 1 січня по 31 грудня { $year } року. Жодних товарів чи послуг натомість не надавалося. Збережіть її разом зі своїми податковими документами.
statement-portal-title = Ваші довідки про пожертви
statement-portal-intro = Довідка містить пожертви, які ми отримали від вас за один календарний рік, і їхню суму. Завантажте її у форматі PDF або отримайте на свою електронну адресу.
statement-portal-none = Ми ще не маємо записів про ваші пожертви.
statement-portal-year = { $year }
statement-portal-gifts = { $count ->
    [one] { $count } пожертва
    [few] { $count } пожертви
   *[other] { $count } пожертв
}
statement-portal-download = Завантажити довідку за { $year } рік (PDF)
statement-portal-email = Надіслати мені електронною поштою
statement-portal-sent = Довідка за { $year } рік уже надсилається на вашу електронну адресу.
statement-portal-throttled = Ми надіслали вам довідку кілька хвилин тому. Зачекайте { $minutes } хвилин, перш ніж просити знову.
statement-portal-link = Ваші довідки про пожертви
statement-portal-back = Повернутися на вашу сторінку
statement-not-found = За цей рік довідки немає.
statement-mail-subject = Ваша довідка про пожертви за { $year } рік
statement-mail-body = Дякуємо за вашу підтримку. Ваша довідка про пожертви за { $year } рік додана до цього листа у форматі PDF.
statement-mail-asked = Ви отримали цей лист, бо попросили про нього на своїй сторінці прихильника.
statement-staff-title = Довідки
statement-staff-download = Довідка за { $year } рік (PDF)
