# Screening reasons and labels (English).
#
# Each reason is a full sentence an operator can read to a caller. Ids match
# `ReasonId` in src/reports/screening/reasons.rs; labels are `screening-{kind}-{code}`
# with underscores as hyphens. Lists arrive already joined ("a, b and c").

## Lists

screening-list-and = and

## Reasons that give the verdict

screening-reason-trafficking = This is trafficking in persons: there is an act ({ $acts }), a means ({ $means }) and a purpose of exploitation ({ $purposes }), the three elements of the Palermo Protocol, article 3(a).
screening-reason-trafficking-child = This is trafficking in persons: the person is { $age ->
        [0] under one year old
        [one] { $age } year old
       *[other] { $age } years old
    }, a child, so an act ({ $acts }) for a purpose of exploitation ({ $purposes }) is enough. A child needs no means (Palermo Protocol, article 3(c)).
screening-reason-possible-age-unknown = This may be trafficking: there is an act ({ $acts }) and a purpose of exploitation ({ $purposes }), but no means were described and the person's age is not known. If the person is under 18, this is trafficking, because a child needs no means. Assess the age and treat the person as a child in the meantime.
screening-reason-forced-labour = This points to forced labour: there are means ({ $means }) used for { $purposes }, but no act such as recruitment, transportation or harbouring was described. If someone recruited, moved or housed the person for this, it is trafficking too.
screening-reason-smuggling = This looks like migrant smuggling: someone was paid to arrange an irregular border crossing, and no means, signs of forced labour or purpose of exploitation were described. Smuggling is a crime against the state rather than against the person, but it can turn into trafficking.
screening-reason-possible-trafficking = This may be trafficking or forced labour: some signs were described, but not every element the definition needs. Treat it as possible trafficking and find out more.
screening-reason-no-indication = Nothing described so far points to trafficking, forced labour or smuggling. If more comes to light, screen again.

## What is missing

screening-reason-missing-act = No act was described: nobody is said to have recruited, transported, transferred, harboured or received the person. Ask how the person came to be in this situation.
screening-reason-missing-means = No means were described, such as threats, force, deception, debts, taken documents or abuse of the person's vulnerability. An adult is trafficked only when means were used (Palermo Protocol, article 3(a)); a child needs none.
screening-reason-missing-purpose = No purpose of exploitation was described, such as sexual exploitation, forced labour, domestic servitude, forced begging or crime, forced marriage or removal of organs. Ask what the person is made to do, or was going to be made to do.
screening-reason-child-no-means-needed = The person is { $age ->
        [0] under one year old
        [one] { $age } year old
       *[other] { $age } years old
    }, a child, so no means are needed: an act and a purpose of exploitation are enough for trafficking (Palermo Protocol, article 3(c)).

## Urgency

screening-reason-in-danger-now = Someone is in danger now: call the emergency number first.
screening-reason-urgent-child = A child may be being trafficked: treat this as urgent and follow the child safeguarding procedure.
screening-reason-urgent-violence = Physical or sexual violence was described: treat this as urgent.

## Indicators, borders, law and consent

screening-reason-indicators-found = { $count ->
    [one] One of the 11 ILO indicators of forced labour was described
   *[other] { $count } of the 11 ILO indicators of forced labour were described
}: { $indicators }.
screening-reason-means-from-indicators = These signs also count as means of trafficking: { $indicators } (as { $means }).
screening-reason-indicators-not-means = On their own, these signs of forced labour are not means of trafficking: { $indicators }.
screening-reason-smuggling-with-signs = Someone was paid to arrange an irregular border crossing, but there are also signs of exploitation, so this is not just smuggling: smuggling does not rule out trafficking.
screening-reason-ask-free-on-arrival = Ask whether the person was free to leave and go their own way after arriving: if not, that is a sign of trafficking rather than smuggling.
screening-reason-not-free-on-arrival = The person was not free to leave after arriving, which is a sign of trafficking or forced labour rather than smuggling.
screening-reason-uk-no-means-for-adults = Under the Modern Slavery Act 2015, section 2, which applies here, no means are needed for adults either: arranging or facilitating someone's travel with a view to their exploitation is an offence even if they agreed. This may be human trafficking under national law.
screening-reason-consent-irrelevant = The person's agreement does not change this assessment: once any means have been used, consent to the exploitation is irrelevant (Palermo Protocol, article 3(b)). Ask carefully about threats, deception, debts or dependence.
screening-reason-consent-child = The child's agreement does not change this assessment: a child cannot consent to being exploited, and no means are needed (Palermo Protocol, article 3(c)).


## Labels: acts

screening-act-recruitment = recruitment
screening-act-transportation = transportation
screening-act-transfer = transfer
screening-act-harbouring = harbouring
screening-act-receipt = receipt

## Labels: means

screening-means-threat = threats
screening-means-force = force
screening-means-coercion = coercion
screening-means-abduction = abduction
screening-means-fraud = fraud
screening-means-deception = deception
screening-means-abuse-of-power = abuse of power
screening-means-abuse-of-vulnerability = abuse of a position of vulnerability
screening-means-payment-to-controller = payments to someone in control of the person

## Labels: purposes

screening-purpose-sexual-exploitation = sexual exploitation
screening-purpose-online-sexual-exploitation = online sexual exploitation
screening-purpose-forced-labour = forced labour
screening-purpose-domestic-servitude = domestic servitude
screening-purpose-forced-begging = forced begging
screening-purpose-forced-criminality = forced criminality
screening-purpose-forced-marriage = forced marriage
screening-purpose-slavery = slavery
screening-purpose-servitude = servitude
screening-purpose-organ-removal = removal of organs

## Labels: ILO indicators

screening-indicator-abuse-of-vulnerability = abuse of vulnerability
screening-indicator-deception = deception
screening-indicator-restriction-of-movement = restriction of movement
screening-indicator-isolation = isolation
screening-indicator-physical-and-sexual-violence = physical and sexual violence
screening-indicator-intimidation-and-threats = intimidation and threats
screening-indicator-retention-of-identity-documents = retention of identity documents
screening-indicator-withholding-of-wages = withholding of wages
screening-indicator-debt-bondage = debt bondage
screening-indicator-abusive-working-and-living-conditions = abusive working and living conditions
screening-indicator-excessive-overtime = excessive overtime
