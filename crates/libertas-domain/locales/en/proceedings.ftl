# Proceedings (en): suspects' roles, charges, hearings, verdicts, sentences, the case timeline.
proceedings-title = Suspects and proceedings
proceedings-link = Suspects and proceedings
proceedings-suspects = Suspects
proceedings-no-suspects = No suspects in this case yet. Add people with the role “suspect” on the case page.
proceedings-roles = Roles in the trafficking process
proceedings-no-roles = none recorded
proceedings-set-roles = Set roles
proceedings-roles-help = Roles (HTCDS “role in process”; choose all that apply)
proceedings-save-roles = Save roles
proceedings-role-TravellingPartner = Travelling partner
proceedings-role-Transporter = Transporter
proceedings-role-RecruiterOrIntermediary = Recruiter or intermediary
proceedings-role-BrokerTravelAgent = Broker or travel agent
proceedings-role-TransferredIndividual = Transferred the person
proceedings-role-HarbouredIndividual = Harboured the person
proceedings-role-SoldIndividual = Sold the person
proceedings-role-BoughtIndividual = Bought the person
proceedings-role-ReceivedIndividual = Received the person
proceedings-role-ControlledIndividual = Controlled the person
proceedings-role-Smuggler = Smuggler
proceedings-role-Abuser = Abuser
proceedings-role-Kidnapper = Kidnapper
proceedings-role-Exploiter = Exploiter
proceedings-role-Controller = Controller (runs the operation)
proceedings-role-Financier = Financier
proceedings-role-Other = Other
proceedings-charges = Charges
proceedings-no-charges = No charges filed yet.
proceedings-suspect = Suspect
proceedings-law = Law
proceedings-section = Section or article
proceedings-counts = Counts
proceedings-filed-on = Filed on
proceedings-note = Note
proceedings-add-charge = File a charge
proceedings-hearings = Hearings
proceedings-no-hearings = No hearings recorded.
proceedings-add-case-hearing = Record a hearing of the whole case
proceedings-case-hearings = Hearings of the whole case
proceedings-date = Date
proceedings-kind = Kind
proceedings-court = Court
proceedings-hearing-outcome = What happened
proceedings-add-hearing = Record a hearing
proceedings-kind-first_appearance = First appearance
proceedings-kind-preliminary = Preliminary hearing
proceedings-kind-bail = Bail hearing
proceedings-kind-trial = Trial
proceedings-kind-sentencing = Sentencing
proceedings-kind-appeal = Appeal
proceedings-kind-other = Other
proceedings-verdict = Verdict
proceedings-no-verdict = No verdict yet.
proceedings-add-verdict = Record the verdict
proceedings-outcome-convicted = Convicted
proceedings-outcome-acquitted = Acquitted
proceedings-outcome-dismissed = Dismissed
proceedings-outcome-withdrawn = Withdrawn
proceedings-sentence = Sentence
proceedings-add-sentence = Record the sentence
proceedings-prison-months = Prison (months)
proceedings-suspended = Suspended
proceedings-fine = Fine
proceedings-currency = Currency (ISO code, e.g. GBP, RON, EUR)
proceedings-restitution = Restitution
proceedings-restitution-to = Restitution to { $name }
proceedings-sentence-date = Date of sentence (empty: the verdict's date)
proceedings-no-prison = No prison term
proceedings-prison = { $months } months' imprisonment
proceedings-prison-suspended = { $months } months' imprisonment, suspended
proceedings-erased = (erased)
proceedings-error-conflict = This has already been recorded: a charge has one final verdict, and a verdict one sentence.
timeline-link = Timeline
timeline-title = Case timeline
timeline-empty = Nothing dated in this case yet.
timeline-kind-report = Report
timeline-kind-decision = Identification
timeline-kind-evidence = Evidence
timeline-kind-custody = Custody
timeline-kind-charge = Charge
timeline-kind-hearing = Hearing
timeline-kind-verdict = Verdict
timeline-kind-sentence = Sentence
timeline-report = Report received ({ $channel })
timeline-referral = Referred for identification: { $person }
timeline-reasonable-grounds = Reasonable grounds decision, { $outcome ->
    [positive] positive
   *[other] negative
 }: { $person }
timeline-conclusive-grounds = Conclusive grounds decision, { $outcome ->
    [positive] positive
   *[other] negative
 }: { $person }
timeline-evidence-intake = Evidence received: { $file } (SHA-256 { $sha }…)
timeline-evidence-transfer = Evidence { $file } handed to { $to } by { $from }
timeline-evidence-verified = Evidence { $file } re-hashed: { $outcome ->
    [ok] matches the intake hash
   *[other] FAILED ({ $outcome })
 }
timeline-charge = Charged: { $law } { $section }, counts: { $counts } — { $suspect }
timeline-hearing = Hearing ({ $kind ->
    [first_appearance] first appearance
    [preliminary] preliminary
    [bail] bail
    [trial] trial
    [sentencing] sentencing
    [appeal] appeal
   *[other] other
 }) at { $court }
timeline-hearing-outcome = Hearing ({ $kind ->
    [first_appearance] first appearance
    [preliminary] preliminary
    [bail] bail
    [trial] trial
    [sentencing] sentencing
    [appeal] appeal
   *[other] other
 }) at { $court }: { $outcome }
timeline-verdict = Verdict: { $outcome ->
    [convicted] convicted
    [acquitted] acquitted
    [dismissed] dismissed
   *[withdrawn] withdrawn
 } — { $law } { $section } — { $suspect }
timeline-sentence = Sentence: { $prison ->
    [none] no prison term
   *[other] { $prison } months' imprisonment
 }{ $suspended ->
    [yes] {", suspended"}
   *[no] {""}
 }{ $fine ->
    [none] {""}
   *[other] {"; fine "}{ $fine }
 }{ $restitution ->
    [none] {""}
   *[other] {"; restitution to "}{ $restitution }
 }
timeline-kind-operation = Operation
timeline-kind-referral = Referral
timeline-operation-planned = Operation planned: { $name }
timeline-operation-executed = Operation carried out: { $name } — people brought to safety: { $people }
timeline-operation-cancelled = Operation cancelled: { $name }
timeline-referral-made = { $kind ->
    [transfer] Transfer
   *[other] Referral
} of { $person } to { $partner } ({ $status ->
    [requested] requested
    [accepted] accepted
    [rejected] rejected
    [done] done
   *[other] revoked
})
