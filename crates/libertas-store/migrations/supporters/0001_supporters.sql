-- The supporter store: people who signed up for e-mail updates, what they agreed to, the
-- links sent to them and the outbox. Its own SQLite file (supporters.sqlite, attached to the
-- main connections as `supporters`) or PostgreSQL schema (`supporters`), with its own
-- migrations: no table here refers to the case side and none there to this side.
--
-- Personal values (address, name, region, the messages) are sealed under the supporter's own
-- data key, which is wrapped under the supporters' purpose key (crypto::Keyring); the address
-- is found by a blind index under the supporters' own index key.

create table supporters (
    id text primary key,
    -- The organisation whose supporter this is (the one that receives public sign-ups). No
    -- foreign key: the organisations table is on the case side.
    org_id text not null,
    -- Keyed hash of the normalised address (Keyring::supporter_index): finds a supporter by
    -- address without storing it.
    email_index text not null,
    email blob not null,
    name blob,
    -- Language of the messages: en, ro, ru, uk.
    language text not null,
    -- pending (only the confirmation may be sent), subscribed, unsubscribed.
    status text not null,
    key_version bigint not null,
    -- Keyed hash of the unsubscribe token carried by every message (the token itself is
    -- sealed in unsubscribe_token, so later messages can carry it again).
    unsubscribe_hash text not null,
    unsubscribe_token blob not null,
    created_at text not null,
    confirmed_at text,
    unsubscribed_at text,
    constraint supporters_email_index_key unique (email_index),
    constraint supporters_unsubscribe_hash_key unique (unsubscribe_hash)
);

-- What a supporter agreed to: the interests (codes), the region for events (sealed), the
-- form and the version of its wording, when it was asked and when confirmed or withdrawn.
create table consents (
    id text primary key,
    supporter_id text not null references supporters (id),
    interests text not null,
    region blob,
    form text not null,
    wording_version text not null,
    language text not null,
    asked_at text not null,
    confirmed_at text,
    withdrawn_at text
);
create index consents_supporter on consents (supporter_id);

-- Confirmation links: keyed hash of the token, single use, expiring.
create table confirmations (
    token_hash text primary key,
    supporter_id text not null references supporters (id),
    consent_id text not null references consents (id),
    created_at text not null,
    expires_at text not null,
    used_at text
);
create index confirmations_supporter on confirmations (supporter_id);

-- The durable outbox. `message` is the whole message (recipient, subject, text, unsubscribe
-- link) sealed under the supporter's key. A sender claims a due row by moving its
-- next_attempt_at forward (a lease) and counting the attempt; success marks it sent, a
-- temporary failure schedules the next attempt with back-off, a permanent one marks it failed.
create table outbox (
    id text primary key,
    supporter_id text not null references supporters (id),
    org_id text not null,
    -- What it is (confirmation), for counts and the audit.
    kind text not null,
    -- Keyed hash of the recipient's domain, so the sender can hold back a domain that has had
    -- its share this minute without opening messages.
    domain_index text not null,
    message blob not null,
    key_version bigint not null,
    -- queued, sent, failed (for good), cancelled (the supporter unsubscribed first).
    status text not null,
    attempts bigint not null,
    next_attempt_at text not null,
    -- The SMTP reply code of the last failure (never the server's text, which may quote the
    -- address).
    last_error text,
    created_at text not null,
    sent_at text
);
create index outbox_due on outbox (status, next_attempt_at);
create index outbox_org on outbox (org_id, status);
create index supporters_org on supporters (org_id, status);
