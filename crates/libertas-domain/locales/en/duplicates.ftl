# Duplicates and merges (people/duplicates)
dupes-title = Possible duplicate records
dupes-help = Pairs of people the duplicates job found likely to be the same person. You see a pair in full only when you work on a case of each record; otherwise ask the colleagues named.
dupes-job-heading = Duplicates job
dupes-job-none = The duplicates job has not run yet.
dupes-job-how = An administrator runs it on the server, nightly or on demand:
dupes-job-running = Running: { $stage }. This page reloads itself.
dupes-job-failed = The last run failed. Ask an administrator to run it again.
dupes-job-done = Last run finished: { $n ->
    [one] { $n } pair
   *[other] { $n } pairs
} to review.
dupes-job-people = { $n ->
    [one] { $n } person
   *[other] { $n } people
} compared.
dupes-stage-reading = reading records
dupes-stage-training = learning from the data
dupes-stage-scoring = comparing pairs
dupes-stage-clustering = grouping
dupes-stage-storing = saving pairs
dupes-stage-done = done
dupes-stage-failed = failed
dupes-open-heading = Pairs to review
dupes-none = No pairs to review.
dupes-record-a = Older record
dupes-record-b = Newer record
dupes-score = Likelihood
dupes-action = Next step
dupes-review = Review
dupes-your-record = Your record
dupes-not-yours = A record in a case you do not work on
dupes-ask = Ask: { $who }
dupes-merges-heading = Merges
dupes-merges-none = No merges yet.
dupes-merged-record = Merged record
dupes-kept-record = kept record
dupes-undo = Undo merge
dupes-undone = undone
dupes-pair-title = Are these the same person?
dupes-pair-score = Likelihood: { $score }.
dupes-pair-fields = Same: { $fields }.
dupes-merge-help = Merging keeps both records and their case history; the older record receives the details it lacked. A merge can be undone.
dupes-merge = Merge into the older record
dupes-dismiss = Not the same person
dupes-back = Back to the pairs
dupes-field-given-name = given name
dupes-field-family-name = family name
dupes-field-birth-date = date of birth
dupes-field-phone = phone
dupes-field-email = e-mail
dupes-field-identity-numbers = identity number
dupes-field-gender = gender
people-duplicates-link = Possible duplicate records

person-merged-in = Another record of this person was merged into this one on { $date }.
person-merged-into = This record was merged into another record of the same person on { $date }.
person-merge-other = Open the other record
dupes-job-start = Run the duplicates job now
