# Libertas staff interface, English.
app-name = Libertas
skip-to-content = Skip to content
demo-banner = Demo data: every person and case here is invented. The second factor is waived in demo mode.
nav-label = Main
nav-home = My cases
nav-audit = Audit trail
signed-in-as = Signed in as { $user }
logout = Sign out
back-home = Back to the start page

error-not-found = Not found
error-not-found-help = This page does not exist, or you may not see it.
error-forbidden = Not allowed
error-forbidden-help = Your role may not do this, or the form expired. Go back, reload the page and try again.
error-bad-request = Something in the form was not right
error-bad-request-help = Go back and check what you entered.
error-internal = Something went wrong
error-internal-help = Nothing you entered is lost from what was already saved. Try again in a moment.

login-title = Sign in
login-submit = Sign in
login-failed = Wrong username or password, or too many attempts: wait a few minutes and try again.
login-expired = The sign-in form expired. Please try again.
field-username = Username
field-password = Password
field-code = Six-digit code or recovery code
field-current-password = Current password
field-new-password = New password (at least 12 characters)
field-repeat-password = New password again

totp-title = Second step: your code
totp-help = Open your authenticator app and enter the six-digit code for Libertas, or one of your recovery codes.
totp-submit = Continue
totp-wrong = That code is not right or was already used. Try the next code.

enrol-title = Set up your second factor
enrol-help = Add Libertas to an authenticator app (for example Aegis, FreeOTP or Google Authenticator) by typing the secret key below, then enter the code the app shows.
enrol-secret = Secret key
enrol-uri = Set-up link
enrol-submit = Confirm

recovery-title = Your recovery codes
recovery-help = Keep these codes somewhere safe and offline. Each one signs you in once if you lose your phone. They are shown only now.
recovery-continue = I have stored them: continue

password-title = Choose a new password
password-help = Before you continue, replace the password you were given with one only you know.
password-submit = Change password
password-mismatch = The two new passwords differ.
password-too-short = The new password must be at least 12 characters.
password-wrong-current = The current password is not right.
password-same = The new password must differ from the current one.

home-title = My cases
home-my-cases = Cases I work on
home-no-cases = You are not a member of any case yet.
home-new-case = Open a new case
home-create-case = Open case
home-no-case-work = Your role does not work on cases, so no personal data is shown here.

case-title = Title
case-status = Status
case-updated = Last change
case-owner = Owner: { $user }
case-people = People
case-no-people = No people recorded yet.
case-add-person = Add a person
case-add-person-submit = Add person
case-notes = Notes
case-no-notes = No notes yet.
case-new-note = New note
case-add-note = Add note
case-members = Members
case-add-member = Add member
case-error-note = The note must not be empty.
case-error-member = No colleague with that username can work on cases.
case-error-person-given-name = Enter the person's given name.
case-error-person-family-name = Enter the person's family name.
case-error-person-birth-date = The birth date must be a real date, not in the future.
case-error-person-phone = The phone number is not valid.
case-error-person-email = The e-mail address is not valid.
case-error-person-role = Choose the person's role.

person-title = Person
person-name = Name
person-role = Role
person-status = Trafficking status
person-given-name = Given name
person-family-name = Family name
person-birth-date = Date of birth
person-gender = Gender
person-citizenship = Citizenship
person-languages = Languages
person-phone = Phone
person-email = E-mail
person-identity-numbers = Identity numbers
person-cases = Cases
person-erased = This person's data was erased.
person-erased-short = (erased)

role-victim = Victim
role-suspect = Suspect
role-witness = Witness
role-reporter = Reporter
status-PossibleVictimOfTrafficking = Possible victim of trafficking
status-ActualVictimOfTrafficking = Identified victim of trafficking
status-NotAVictimOfTrafficking = Not a victim of trafficking
gender-Feminine = Female
gender-Masculine = Male
gender-TransgenderFeminine = Transgender woman
gender-TransgenderMasculine = Transgender man
gender-NonConforming = Non-conforming
gender-NonSpecifiedUnknown = Not specified

audit-title = Audit trail
audit-help = Every read and change of personal data is recorded here. Enter the id of a person, case or user to see who opened it and when.
audit-object = Record id
audit-search = Show
audit-when = When
audit-who = Who
audit-action = Action
audit-why = Why

case-page-title = Case
login-public-hint = Not a member of staff?
login-public-report = Report a concern
login-public-help = What trafficking is and how to spot it
