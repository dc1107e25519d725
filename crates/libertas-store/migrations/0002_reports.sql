-- 0002: reports of suspected trafficking (public and helpline), their message thread with the
-- reporter, and blind indexes of the identifiers they mention.
--
-- Free text (narrative, location, time, people, contact, identifiers as given, messages,
-- closing reasons) is sealed under a per-report key. A public report stores no address, user
-- agent or other metadata about its reporter; its receipt is kept only as a keyed hash.

create table reports (
    id text primary key,
    org_id text not null references organisations (id),
    channel text not null,              -- public | phone | email | sms | walk_in | web
    status text not null,               -- new | screened | referred | case_opened | closed
    urgent bigint not null default 0,
    in_danger_now bigint not null default 0,
    language text,
    narrative blob not null,
    location blob,
    happened blob,
    people blob,
    identifiers blob,                   -- JSON array of the identifiers as given
    contact blob,
    contact_safety blob,
    safe_to_contact bigint,
    receipt_hash text,                  -- keyed hash of the public receipt
    screening text,                     -- JSON of the saved screening (codes only)
    verdict text,
    close_reason blob,
    case_id text references cases (id),
    created_by text references users (id),
    created_at text not null,
    updated_at text not null,
    constraint reports_receipt_key unique (receipt_hash)
);
create index reports_queue on reports (org_id, status, created_at);

create table report_messages (
    id text primary key,
    report_id text not null references reports (id),
    direction text not null,            -- to_reporter | from_reporter
    author_id text references users (id),
    body blob not null,
    created_at text not null
);
create index report_messages_report on report_messages (report_id, created_at);

create table report_identifiers (
    report_id text not null references reports (id),
    org_id text not null,
    kind text not null,                 -- phone | email | url | handle | plate | other
    digest text not null,               -- keyed HMAC of the normal form
    source text not null,               -- form | narrative
    primary key (kind, digest, report_id)
);
create index report_identifiers_report on report_identifiers (report_id);
create index report_identifiers_lookup on report_identifiers (org_id, kind, digest);
