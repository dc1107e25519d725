# Public information pages under /help (English).
#
# Written for the public: plain words, short sentences, no jargon. Every id starts with
# `public-`; ro/public.ftl defines exactly the same ids. Lists of signs are pairs
# `…-{key}` (the heading) and `…-{key}-text` (the explanation), read by src/public/info.rs.

## Page frame: quick exit, header, navigation, footer

public-skip = Skip to main content
public-quick-exit = Quick exit
public-quick-exit-hint = Need to leave fast? Press “Quick exit”, or press the Esc key twice.
public-no-trace-line = This visit may show in your browser history.
public-no-trace-link = How to visit without leaving a trace
public-site-tagline = Help against human trafficking
public-lang-label = Language
public-nav-label = Help pages
public-nav-home = What trafficking is
public-nav-signs = Signs to look for
public-nav-smuggling = Trafficking or smuggling?
public-nav-report = How to report
public-nav-no-trace = Leave no trace
public-helpline-label = Helpline
public-emergency-label = Emergency
public-danger-now = If someone is in immediate danger, call { $emergency } now.
public-footer-privacy = Libertas does not record your IP address or any information about your browser or device.
public-next-heading = Read next

## /help: what human trafficking is

public-home-title = What is human trafficking?
public-home-lead = Human trafficking means recruiting, moving, hiding or receiving people so that they can be exploited. It is a serious crime and an abuse of human rights. It happens to women, men and children of every nationality, and it can happen close to home.
public-home-elements-heading = Three parts: the act, the means and the purpose
public-home-elements-intro = International law, in the United Nations Palermo Protocol (article 3), describes the trafficking of an adult in three parts. When all three are present, it is trafficking.
public-home-act = The act: what is done
public-home-act-text = Someone recruits, transports, transfers, harbours (hides or houses) or receives a person.
public-home-means = The means: how it is done
public-home-means-text = They use threats, force or other kinds of coercion, abduction, fraud, deception, the abuse of power or of the person’s vulnerable situation, or they pay someone who has control over the person.
public-home-purpose = The purpose: why it is done
public-home-purpose-text = To exploit the person: for example sexual exploitation, forced labour or services, domestic servitude, forced begging, forced crime, slavery or practices like slavery, servitude, or the removal of organs.
public-home-children-heading = Children need no “means”
public-home-children-text = A child is anyone under 18. If a child is recruited, moved, harboured or received in order to be exploited, that is trafficking, even when no threats, force or lies were used. A child cannot agree to being exploited.
public-home-consent-heading = Saying “yes” at the start does not make it lawful
public-home-consent-text = Many people agree to travel or to a job because they were lied to or had no real choice. If threats, force, deception or the abuse of their situation were used, their agreement does not count (Palermo Protocol, article 3(b)).
public-home-domestic-heading = No border needs to be crossed
public-home-domestic-text = Trafficking also happens within one country, even within one town. A person can be trafficked without ever leaving their home country. Trafficking is not the same as illegal migration.
public-home-uk-heading = The law in the United Kingdom
public-home-uk-text = In the United Kingdom, the Modern Slavery Act 2015 makes slavery, servitude, forced or compulsory labour and human trafficking crimes. Under this Act, arranging or helping someone’s travel so that they can be exploited is an offence even for an adult, and even when the person agreed to the travel.
public-home-victims-heading = People may not see themselves as victims
public-home-victims-text = Many people who are trafficked do not call themselves victims. They may feel they owe a debt, feel ashamed, fear the police or being sent away, hope things will get better, or depend on the people exploiting them for work and a place to live. Some are afraid for their family. This is why a concern raised by someone else, such as a neighbour, a colleague or a customer, can make a difference.
public-home-you-heading = If this is happening to you
public-home-you-text = It is not your fault. You deserve safety and help, whatever your nationality or immigration status. You can ask for help for yourself in the same ways as anyone can report a concern.

## /help/signs: spot the signs, and the ILO indicators of forced labour

public-signs-title = Signs of trafficking and forced labour
public-signs-lead = No single sign proves that someone is being trafficked, and some people show these signs for other reasons. But several signs together are a reason for concern. You do not need to be sure before you report a concern.
public-signs-spot-heading = Signs you might notice
public-signs-spot-intro = The United Kingdom’s guidance on spotting modern slavery groups the signs like this.
public-signs-appearance = Physical appearance
public-signs-appearance-text = The person may look unwashed, underfed or withdrawn, have injuries or other signs of physical or emotional abuse, or wear the same clothes every day, or clothes unsuitable for their work.
public-signs-isolation = Isolation
public-signs-isolation-text = The person is rarely allowed out alone, seems to be under someone else’s control, rarely talks with others, may not know their home or work address, or may not speak the local language.
public-signs-living = Poor living conditions
public-signs-living-text = The person may live in dirty, cramped or overcrowded housing, or live and work at the same address.
public-signs-effects = Few or no personal belongings
public-signs-effects-text = The person has very few belongings, may have the same clothes each day, and may have no identity documents of their own.
public-signs-movement = Freedom of movement is restricted
public-signs-movement-text = The person has little chance to move freely, and someone else may be holding their passport or identity card.
public-signs-travel = Unusual travel times
public-signs-travel-text = The person is dropped off at work and collected again very early in the morning or late at night, often in a group, day after day.
public-signs-reluctance = Reluctance to seek help
public-signs-reluctance-text = The person avoids eye contact, seems frightened or unwilling to talk to strangers, fears the police or other authorities, fears being sent away or harm to their family, and does not know whom to trust or where to find help.
public-signs-ilo-heading = The 11 signs of forced labour
public-signs-ilo-intro = The International Labour Organization (ILO) lists eleven signs that work may be forced labour: work that a person is made to do under the threat of some punishment and did not freely agree to. Sometimes one sign is enough to point to forced labour; often several appear together.
public-ilo-vulnerability = Abuse of vulnerability
public-ilo-vulnerability-text = Someone takes advantage of a person’s weak position to make them work: for example having no legal status, not speaking the language, being poor, having an addiction, or depending on the employer for housing.
public-ilo-deception = Deception
public-ilo-deception-text = The person was lied to about the job, the pay, the working or living conditions, or the place of work.
public-ilo-movement = Restriction of movement
public-ilo-movement-text = The person is locked in, watched, or not allowed to leave the workplace or the housing freely.
public-ilo-isolation = Isolation
public-ilo-isolation-text = The person is kept away from other people, their family or help, for example in a remote place, or is not told where they are.
public-ilo-violence = Physical and sexual violence
public-ilo-violence-text = The person, or people around them, are hit, hurt or sexually abused, or are made to take drugs or alcohol.
public-ilo-threats = Intimidation and threats
public-ilo-threats-text = The person is threatened with violence, with being reported to the authorities, with harm to their family or with losing their pay, or is shouted at and humiliated.
public-ilo-documents = Identity documents taken
public-ilo-documents-text = The employer or someone else keeps the person’s passport or identity card and does not give it back when asked.
public-ilo-wages = Wages withheld
public-ilo-wages-text = Pay is held back, delayed or cut for no good reason, so the person cannot leave without losing money they are owed.
public-ilo-debt = Debt bondage
public-ilo-debt-text = The person must work to pay off a debt, for travel, recruitment, housing or food, that keeps growing and can never be paid back.
public-ilo-conditions = Abusive working and living conditions
public-ilo-conditions-text = The work or housing is dangerous, dirty or degrading, without protection, in conditions that nobody would freely accept.
public-ilo-overtime = Excessive overtime
public-ilo-overtime-text = The person has to work far more hours or days than the law allows, without real rest or days off.
public-signs-safety-heading = Keep yourself and others safe
public-signs-safety-text = Do not confront anyone you suspect, and do not try to rescue someone yourself: it could put them and you in danger. Tell people who are trained to help.

## /help/smuggling: how trafficking differs from smuggling

public-smuggling-title = Trafficking and smuggling: what is the difference?
public-smuggling-lead = People smuggling and human trafficking are often confused. Both can involve a journey and money, but they are different crimes. Smuggling can turn into trafficking.
public-smuggling-table-caption = Smuggling and trafficking compared
public-smuggling-col-aspect = Question
public-smuggling-col-smuggling = People smuggling
public-smuggling-col-trafficking = Human trafficking
public-smuggling-consent = Did the person agree?
public-smuggling-consent-smuggling = Usually yes: the person wants to be moved and often pays for it.
public-smuggling-consent-trafficking = The person did not agree, or agreed only because of threats, force, lies or the abuse of their situation. A child’s agreement never counts.
public-smuggling-exploitation = Is the person exploited?
public-smuggling-exploitation-smuggling = No: the aim is the fee for the journey.
public-smuggling-exploitation-trafficking = Yes: the aim is to exploit the person, for sex, work, crime, servitude or their organs.
public-smuggling-border = Is a border crossed?
public-smuggling-border-smuggling = Always: the person is taken across a border without permission to enter.
public-smuggling-border-trafficking = Not necessarily: a border may be crossed legally or illegally, or the person may never leave their own country.
public-smuggling-relationship = Does it end on arrival?
public-smuggling-relationship-smuggling = Usually yes: once the person arrives they are free to go.
public-smuggling-relationship-trafficking = No: the control continues after any journey, often through debts, threats or taken documents.
public-smuggling-wronged = Who is wronged?
public-smuggling-wronged-smuggling = Mainly the state whose border rules are broken, although smuggled people are often in great danger on the way.
public-smuggling-wronged-trafficking = The person who is exploited: they are the victim of a serious crime.
public-smuggling-turn-heading = When smuggling becomes trafficking
public-smuggling-turn-text = A journey that started as smuggling becomes trafficking if, for example, the person is told on arrival that they owe much more money and must work it off, if their documents are taken, or if they are not allowed to leave.
public-smuggling-unsure-text = Smuggled people have rights and may need help too. If you are not sure which it is, report your concern anyway: trained staff will assess it.

## /help/report: how to report

public-report-title = How to report a concern
public-report-lead = You do not need proof, and you do not need to be sure. Tell us what you have seen or heard, and trained staff will decide what to do.
public-report-helpline-heading = Call the helpline
public-report-helpline-text = Call { $helpline } to talk about what you have seen, to get advice, or to ask for help for yourself.
public-report-form-heading = Report online, anonymously
public-report-form-text = Use the report form to tell us what you know. You do not have to give your name or any contact details. After you send it, you receive a receipt code: keep it somewhere safe and private, because it is the only way to read our questions and answer them later.
public-report-form-link = Open the report form
public-report-include-heading = What helps, if you know it
public-report-include-what = what you saw or heard, and when;
public-report-include-where = where it happened: an address, a place, or a vehicle;
public-report-include-who = the people involved and what they look like;
public-report-include-identifiers = phone numbers, e-mail addresses, websites, social media accounts or vehicle number plates;
public-report-include-danger = whether anyone is in danger now.
public-report-include-note = Share only what you already know. Do not put yourself at risk to find out more.
public-report-next-heading = What happens next
public-report-next-text = Trained staff read every report, compare it with the legal definition of trafficking and decide what to do, for example passing it to the police or to support services. Nobody will contact you unless you gave contact details and said it is safe.

## /help/no-trace: how to leave no trace

public-notrace-title = How to leave no trace
public-notrace-lead = If someone else uses or checks your phone or computer, they may be able to see which websites you visited. These steps lower that risk, though none of them is perfect.
public-notrace-exit-heading = The quick exit button
public-notrace-exit-text = The “Quick exit” button at the top of every page takes you straight to a weather website. When JavaScript is on, pressing the Esc key twice does the same, and the page you leave is replaced in your history, so the Back button does not bring anyone here. Without JavaScript the button still works, but this page stays in your history.
public-notrace-private-heading = Use a private window
public-notrace-private-text = Open a private window before you visit (called Incognito in Chrome, InPrivate in Edge, and Private Window in Firefox and Safari). When you close every private window, the browser forgets the pages, cookies and form entries from them. Files you download and bookmarks you make are kept.
public-notrace-history-heading = Clear your history
public-notrace-history-text = If you did not use a private window, delete the pages of this site from your browser history (in most browsers open the history with Ctrl+H, or Cmd+Y on a Mac). Check the address bar suggestions too. Deleting your whole history can itself look suspicious to someone who checks, so deleting only these pages may be safer.
public-notrace-device-heading = Using someone else’s device
public-notrace-device-text = If your phone or computer may be watched, for example through an app someone else installed, use a device you trust: a friend’s, or a public computer in a library. Use a private window there too and sign out of anything you signed in to. Computers at work or school may be monitored.
public-notrace-network-text = Your internet provider or whoever runs the network you use, such as an employer, may still be able to see that you visited this site.
public-notrace-receipt-heading = Your report receipt
public-notrace-receipt-text = If you send a report, keep the receipt code where nobody else will find it: anyone who has it can read the messages about your report.
public-notrace-libertas-heading = What Libertas keeps about you
public-notrace-libertas-text = Libertas does not store your IP address, the kind of browser or device you use, or anything else about who you are when you read these pages or send a report. It has no trackers or advertising and loads nothing from other websites. These pages also tell your browser not to keep a copy of them.
public-notrace-cookie-text = These pages set no cookie that outlives your visit, not even for the language you choose (it travels in the page addresses instead). After you send a report, the page that shows your receipt uses a one-time cookie that is deleted as soon as the receipt is shown, and the receipt is shown only once: pressing Back does not show it, or what you wrote, again.
