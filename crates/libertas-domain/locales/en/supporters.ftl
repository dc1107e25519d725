# Supporters: the public e-mail updates sign-up, its confirmation and unsubscribe pages, the
# messages sent, and the supporter staff's outbox page (English). Every id starts with
# `updates-` or `supporters-`; the other languages define exactly the same ids. The sign-up
# wording is versioned (`SIGNUP_WORDING_VERSION` in libertas-domain/src/supporters): change
# the version whenever the `updates-signup-*` text changes.

## /updates/signup

updates-signup-title = E-mail updates
updates-signup-intro = Hear from us by e-mail. We will first send you one message to confirm your address; nothing else is sent until you use the link in it.
updates-signup-email = Your e-mail address
updates-signup-name = Your name (optional)
updates-signup-interests = What would you like to hear about?
updates-signup-interest-stories = Stories from the field
updates-signup-interest-events = Events in your area
updates-signup-interest-involved = Opportunities to get involved
updates-signup-region = Your area (for events)
updates-signup-region-hint = A town, county or region. Needed only for events.
updates-signup-language = Language of the messages
updates-signup-consent = By signing up you agree that we keep your address, name and choices to send you these updates, until you unsubscribe. Every message has a link to unsubscribe in one click.
updates-signup-submit = Sign up
updates-signup-error-summary = Please check the field marked below.
updates-signup-error-email = Enter an e-mail address like name@example.org.
updates-signup-error-name = A name may have at most 200 characters.
updates-signup-error-interests = Choose at least one kind of update.
updates-signup-error-region = Name the area you want to hear about events in (at most 100 characters).
updates-signup-error-language = Choose a language.
updates-signup-too-many = Too many sign-ups from your network. Please try again in { $minutes } minutes.
updates-signup-sent-title = Check your inbox
updates-signup-sent = If the address can receive our updates, a message to confirm it is on its way. Use the link in it within { $hours } hours to start receiving updates. If nothing arrives, look in your spam folder.

## /updates/confirm/…

updates-confirm-title = Confirm your sign-up
updates-confirm-intro = Press the button to confirm that you want to receive our e-mail updates.
updates-confirm-submit = Confirm
updates-confirmed-title = You are signed up
updates-confirmed = Thank you. Your address is confirmed and you will receive the updates you chose. Every message has a link to unsubscribe.
updates-confirm-used = This link has already been used. Your sign-up was confirmed then; nothing more is needed.
updates-confirm-expired = This link has expired. Please sign up again to receive a new one.
updates-confirm-unknown = This link is not valid. Check that it was copied whole, or sign up again.
updates-signup-again = Sign up again

## /updates/unsubscribe/…

updates-unsubscribe-title = Unsubscribe
updates-unsubscribe-intro = Press the button to stop all e-mail updates to this address.
updates-unsubscribe-submit = Unsubscribe
updates-unsubscribed-title = You are unsubscribed
updates-unsubscribed = You will receive no more updates from us.
updates-unsubscribe-unknown = This link is not valid. Check that it was copied whole.
updates-unsubscribe-test = This is the unsubscribe link of a test message: it unsubscribes nobody. In the update itself, each recipient's own link is here.

## Messages sent

updates-mail-confirm-subject = Please confirm your e-mail updates
updates-mail-confirm-hello = Hello,
updates-mail-confirm-body = Someone, probably you, asked to receive our e-mail updates at this address. To confirm, open this link and press "Confirm":
updates-mail-confirm-expiry = The link works for { $hours } hours.
updates-mail-confirm-ignore = If you did not ask for this, ignore this message: you will hear nothing more from us.
updates-mail-unsubscribe = To stop all messages to this address:

## /supporters (supporter staff)

supporters-title = Supporters
supporters-outbox = E-mail outbox
supporters-outbox-queued = Waiting to be sent
supporters-outbox-sent = Sent
supporters-outbox-failed = Failed for good
supporters-outbox-retrying = Of those waiting, failed at least once
supporters-outbox-no-smtp = No mail server is configured: messages stay queued until one is set in libertas.toml ([mail]).
supporters-outbox-smtp = Messages are sent through { $host }.
supporters-counts = Supporters
supporters-pending = Waiting for confirmation
supporters-subscribed = Subscribed
supporters-unsubscribed = Unsubscribed
supporters-erased = Erased on request
supporters-donors = Donors (gifts only, no updates)
supporters-erase = Erase a supporter on request
supporters-erase-intro = When someone asks to be forgotten, enter the address they signed up with. Their data key is destroyed: their address, name and messages can no longer be read anywhere, old backups included, and their waiting messages are dropped. The count stays, without the person. They can sign up again later as a new supporter.
supporters-erase-email = Their e-mail address
supporters-erase-find = Find the supporter
supporters-erase-invalid = Enter an e-mail address like name@example.org.
supporters-erase-question = Erase the supporter with the address { $address }? This cannot be undone.
supporters-erase-button = Erase this supporter
supporters-erase-done = The supporter was erased.

# The subject of a test send of an update starts with this.
updates-mail-test-prefix = [Test]

## Updates staff compose for supporters (/supporters/updates).
supporters-updates-link = Updates to supporters
updates-list-title = Updates to supporters
updates-new = Write an update
updates-none = No update has been written yet.
updates-created = Written
updates-status = Status
updates-languages = Languages
updates-audience = Audience
updates-recipients = recipients
updates-status-draft = Draft
updates-status-scheduled = Scheduled for
updates-status-sending = Being sent
updates-status-sent = Sent
updates-edit-title = Edit the update
updates-compose-intro = Write the update in every language your supporters chose. Each supporter gets it in the language they chose when signing up; a supporter whose language is missing gets nothing, so add every language you can.
updates-compose-error-summary = The update was not saved: see the field marked below.
updates-compose-error-subject = Write a subject of at most 200 characters, or leave both fields of this language empty.
updates-compose-error-body = Write the text (at most 20,000 characters), or leave both fields of this language empty.
updates-compose-error-interests = Choose who the update is for.
updates-compose-error-region = A region can only narrow an update about events alone (at most 100 characters).
updates-subject = Subject
updates-body = Text (Markdown)
updates-compose-markdown = Markdown: **bold**, *italic*, [link text](https://…), lists with "- ". HTML and images are not sent; links are sent exactly as written.
updates-region = Region (for events only)
updates-region-hint = Optional. Only supporters whose region contains this word get the update, e.g. "Iasi" reaches "Iași county".
updates-save = Save the draft
updates-page-title = Update to supporters
updates-done-test = The test is on its way to the address you typed.
updates-done-scheduled = The update is scheduled.
updates-done-unscheduled = The update is a draft again.
updates-done-sending = The update is being sent.
updates-progress = Progress
updates-skipped = skipped: no text in their language
updates-skipped-hint = Queued messages go out a few at a time; reload the page to follow them.
updates-actions = Test, schedule or send
updates-test-address = Send a test to (the test is marked as such and not counted)
updates-test-language = In
updates-test-send = Send a test
updates-schedule-at = Send at (your organisation's local time)
updates-schedule = Schedule
updates-unschedule = Cancel the schedule
updates-send-now = Send now to the audience
updates-preview = Preview
updates-preview-text = The text version
updates-error-address = Type a valid e-mail address.
updates-error-test-lang = Choose a language the update is written in.
updates-error-send-at = Choose a date and time in the future.
supporters-lift = Lift a suppression
supporters-lift-intro = An address is suppressed when the mail provider reported a hard bounce or a complaint: nothing is sent to it, not even a confirmation. Lift it only when the mailbox works again, or when the person who complained asked in writing to hear from us again. Messages cancelled by the suppression are not sent again.
supporters-lift-email = The suppressed address
supporters-lift-find = Lift the suppression
supporters-lift-question = Send messages to { $address } again?
supporters-lift-button = Lift the suppression
supporters-lift-done = The suppression was lifted.
supporters-lift-none = That address is not suppressed.
updates-done-story = The story choice is saved.
updates-error-story = This update includes a story that was withdrawn or is no longer published: choose another story, or none.
updates-story = A survivor's story to include
updates-story-none = No story
updates-story-hint = Only stories published with the survivor's consent to storytelling are listed. The pseudonym and text are added after the text in every language.
updates-story-choose = Save the story choice
updates-story-included = This update includes the story told under the name { $name }, added after the text when each message is sent.
updates-story-withdrawn = The survivor's story in this update was withdrawn: the update can no longer be sent with it. Withdrawn:
updates-story-withdrawn-sent = { $count } messages had already gone out with it.

## Gifts (supporters/gifts)
gifts-title = Gifts
gifts-link = Gifts and regular giving
gifts-find = Find a donor
gifts-email = The donor's e-mail address
gifts-find-button = Show their giving
gifts-find-invalid = Enter an e-mail address like name@example.org.
gifts-find-none = No supporter of this organisation has this address.
gifts-record = Record a gift
gifts-record-intro = For money that came by hand, cheque or a transfer seen on the statement. A donor who is not known yet is recorded with no consent to e-mail: they receive nothing from us.
gifts-name = Their name (optional)
gifts-amount = Amount
gifts-currency = Currency (ISO code, like GBP)
gifts-method = Method
gifts-received = Received on
gifts-frequency = Frequency
gifts-frequency-once = One-off gift
gifts-frequency-monthly = Monthly
gifts-frequency-quarterly = Quarterly
gifts-frequency-annual = Annual
gifts-method-card = Card
gifts-method-direct_debit = Direct debit
gifts-method-bank_transfer = Bank transfer
gifts-method-standing_order = Standing order
gifts-method-cash = Cash
gifts-method-cheque = Cheque
gifts-method-other = Other
gifts-record-button = Record the gift
gifts-error-summary = The gift was not recorded: correct the field marked below.
gifts-error-email = Enter the e-mail address of a supporter of this organisation, or of a new donor, like name@example.org.
gifts-error-name = Enter a name of at most 200 characters, or leave it empty.
gifts-error-amount = Enter an amount greater than zero like 25.00, with no more decimals than the currency has.
gifts-error-currency = Enter an ISO 4217 currency code in capitals, like GBP, EUR or RON.
gifts-error-method = Choose a method.
gifts-error-received = Enter the date as YYYY-MM-DD.
gifts-error-frequency = Choose a frequency.
gifts-giving-title = A donor's giving
gifts-recorded = The gift was recorded.
gifts-cancelled = The regular gift was cancelled.
gifts-regular = Regular gifts
gifts-regular-none = No regular gift.
gifts-start = Since
gifts-status = Status
gifts-next-due = Active, next due on { $date }
gifts-cancel-by = Who asked
gifts-cancel-button = Cancel this regular gift
gifts-cancelled-by-donor = Cancelled at the donor's request
gifts-cancelled-by-staff = Cancelled by staff
gifts-cancelled-by-provider = Cancelled by the payment provider
gifts-cancelled-by-erasure = Ended: the donor was erased
gifts-list = Gifts
gifts-none = No gift recorded.
gifts-recorded-by = Recorded by
gifts-by-staff = Staff
gifts-by-import = Import
gifts-by-webhook = Payment provider

gifts-notices = Regular gifts cancelled by donors
gifts-notices-none = No donor has cancelled a regular gift in the portal since these were last marked seen.
gifts-notice-date = Cancelled on
gifts-notice-donor = Donor
gifts-notice-giving = Their giving
gifts-notice-seen-button = Mark seen (cancelled { $date })
gifts-notice-seen = Marked seen.
