-- Safety hardening (issue 9): look-ups outside need-to-know, the reporter's contact choice,
-- and the public form's one-time receipt hand-over.

-- Every answer about records the caller may not see ("exists elsewhere": search counts,
-- duplicate warnings, identifier look-ups) spends from one per-user budget
-- (crate::people::search::budget). One row per answered look-up; rows older than the window
-- are deleted as the user makes new ones. Working state only: not in backups.
create table lookups (
    user_id text not null references users (id),
    org_id text not null,
    path text not null,             -- search | duplicates | report_identifier | identifier_count
    -- Keyed digest (search-index key, kind "lookup") of the normalised question, so repeats
    -- can be told from new questions. Never the question itself.
    digest text not null,
    at text not null
);
create index lookups_user_at on lookups (user_id, at);

-- How a staff message was meant to reach the reporter: `receipt` (waits in the thread until
-- the reporter comes back with the receipt) or `contact` (through the contact details the
-- reporter gave, allowed only when they said contact is safe). Null for the reporter's own
-- messages, and for staff messages written before this column existed (all via the receipt).
alter table report_messages add column via text;

-- The public form answers with a redirect (Post/Redirect/Get); the receipt waits here for the
-- one GET that shows it. `id` is the SHA-256 of a random one-time handle that only the
-- reporter's browser holds (a session cookie); the receipt is sealed under a key derived from
-- that handle, so the database alone cannot show it. The row is deleted when the receipt is
-- shown, or after ten minutes. Working state only: not in backups.
create table receipt_handoffs (
    id text primary key,
    report_id text not null references reports (id),
    receipt blob not null,
    expires_at text not null
);
create index receipt_handoffs_expiry on receipt_handoffs (expires_at);
