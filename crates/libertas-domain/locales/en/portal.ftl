# The donor portal (/portal): sign-in by e-mailed link and the supporter's own page
# (English). Every id starts with `portal-`; the other languages define exactly the same ids.
# The interests form's wording is versioned (`PORTAL_WORDING_VERSION` in
# libertas-domain/src/supporters): change the version whenever `portal-interests-*` changes.

portal-signin-title = Sign in to your supporter page
portal-signin-intro = Enter the e-mail address at which you receive our updates. We will send you a link to sign in. It works once, for 15 minutes, and only in this browser.
portal-signin-email = Your e-mail address
portal-signin-submit = Send me a link
portal-signin-error-email = Enter an e-mail address like name@example.org.
portal-signin-too-many = Too many requests from your network. Please try again in { $minutes } minutes.
portal-signin-sent-title = Check your inbox
portal-signin-sent = If we know the address, a link to sign in is on its way. Open it in this browser within { $minutes } minutes. If nothing arrives, look in your spam folder.
portal-link-title = Sign in
portal-link-intro = Press the button to sign in to your supporter page.
portal-link-submit = Sign in
portal-link-refused-title = This link cannot sign you in
portal-link-unknown = This sign-in link is not valid. Ask for a new one.
portal-link-used = This sign-in link was used already. Ask for a new one if you need to sign in again.
portal-link-expired = This sign-in link has expired. Ask for a new one.
portal-link-other-browser = This sign-in link was asked for in another browser or on another device. Open it in the browser where you asked for it, or ask for a new one here.
portal-link-again = Ask for a new link
portal-home-title = Your supporter page
portal-home-contact = Your contact details
portal-home-email = E-mail address
portal-home-name = Name
portal-home-no-name = (none given)
portal-home-language = Language of the messages
portal-home-preferences = Your e-mail preferences
portal-home-subscribed = You receive our updates about:
portal-home-unsubscribed = You receive no updates at the moment. Choose below what you would like to hear about to receive updates again.
portal-home-region = Your area (for events)
portal-details-title = Change your name or language
portal-details-name = Your name (optional)
portal-details-submit = Save details
portal-details-saved = Your details were saved.
portal-interests-title = Change what you hear about
portal-interests-legend = What would you like to hear about?
portal-interests-hint = Untick every box to stop all updates.
portal-interests-region-hint = A town, county or region. Needed only for events.
portal-interests-consent = By saving you agree that we keep your choices to send you these updates, until you change them or unsubscribe.
portal-interests-submit = Save preferences
portal-interests-saved = Your preferences were saved.
portal-error-summary = Please check the field marked below.
portal-error-name = A name may have at most 200 characters.
portal-error-region = Name the area you want to hear about events in (at most 100 characters).
portal-error-language = Choose a language.
portal-error-interests = Choose among the kinds of update listed.
portal-signout = Sign out
portal-signed-out = You are signed out.
portal-mail-subject = Your sign-in link
portal-mail-hello = Hello,
portal-mail-body = Someone, we hope you, asked to sign in to your supporter page. Open this link in the same browser to sign in:
portal-mail-expiry = The link works once, for { $minutes } minutes.
portal-mail-ignore = If you did not ask for it, ignore this message: nothing happens without the link.
