-- 0001: the foundation schema (organisations, accounts, cases, people, notes, audit).
--
-- Written once for both backends (CONTRIBUTING.md, "Adding a migration"). Conventions:
-- * ids are UUIDv7 strings; times are UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (sortable);
-- * flags are bigint 0/1; personal and narrative values are blobs sealed by store::crypto
--   (their plaintext never reaches this database);
-- * audit_events is append-only: triggers refuse update and delete (migrations/sqlite/ and
--   migrations/postgres/ hold them, each in its backend's dialect).

create table meta (
    key text primary key,
    value text not null
);

create table organisations (
    id text primary key,
    name text not null,
    created_at text not null,
    constraint organisations_name_key unique (name)
);

create table users (
    id text primary key,
    org_id text not null references organisations (id),
    username text not null,
    role text not null,
    password_hash text not null,
    must_change_password bigint not null default 1,
    totp_secret blob,               -- sealed under the accounts key
    totp_last_step bigint,          -- last accepted TOTP step, so a code works once
    recovery_codes text,            -- JSON array of SHA-256 hashes of unused codes
    failed_logins bigint not null default 0,
    locked_until text,
    disabled_at text,
    created_at text not null,
    constraint users_username_key unique (username)
);

create table sessions (
    id_hash text primary key,       -- SHA-256 of the cookie value; the value is never stored
    user_id text not null references users (id),
    created_at text not null,
    last_seen_at text not null,
    csrf_token text not null,
    mfa_done bigint not null default 0,
    pending_totp blob               -- sealed TOTP secret during enrolment
);
create index sessions_user on sessions (user_id);

create table api_tokens (
    id text primary key,
    user_id text not null references users (id),
    token_hash text not null,       -- SHA-256 of the token; the token is shown once
    label text not null,
    created_at text not null,
    created_by text not null,
    expires_at text not null,
    revoked_at text,
    constraint api_tokens_hash_key unique (token_hash)
);
create index api_tokens_user on api_tokens (user_id);

create table cases (
    id text primary key,
    org_id text not null references organisations (id),
    title blob not null,            -- sealed under the case key
    status text not null,
    owner_id text not null references users (id),
    created_at text not null,
    updated_at text not null
);
create index cases_org on cases (org_id);

create table case_members (
    case_id text not null references cases (id),
    user_id text not null references users (id),
    added_at text not null,
    added_by text,
    primary key (case_id, user_id)
);
create index case_members_user on case_members (user_id);

create table persons (
    id text primary key,
    org_id text not null references organisations (id),
    given_name blob,                -- sealed under the person key, like every blob below
    family_name blob,
    birth_date blob,
    phone blob,
    email blob,
    identity_numbers blob,
    gender text,
    citizenship text,               -- comma-separated ISO 3166-1 alpha-2 codes
    languages text,                 -- comma-separated language codes
    created_at text not null,
    erased_at text
);
create index persons_org on persons (org_id);

create table case_people (
    id text primary key,
    case_id text not null references cases (id),
    person_id text not null references persons (id),
    role text not null,
    trafficking_status text,
    created_at text not null,
    constraint case_people_unique unique (case_id, person_id, role)
);
create index case_people_person on case_people (person_id);

create table blind_index (
    person_id text not null references persons (id),
    org_id text not null,
    kind text not null,             -- phone | email | identity_number
    digest text not null,           -- keyed HMAC of the normalised value
    primary key (kind, digest, person_id)
);
create index blind_index_person on blind_index (person_id);

create table notes (
    id text primary key,
    case_id text not null references cases (id),
    author_id text not null references users (id),
    text blob not null,             -- sealed under the case key
    created_at text not null
);
create index notes_case on notes (case_id, created_at);

create table audit_events (
    seq bigint primary key,
    id text not null,
    at text not null,
    org_id text,
    actor_id text,
    actor text not null,
    action text not null,
    object_type text not null,
    object_id text,
    reason text not null,
    detail text not null,           -- JSON; never holds personal or narrative values
    prev_mac text not null,
    mac text not null
);
create index audit_events_object on audit_events (object_id);

-- The chain head. Every write transaction updates it first, which serialises appends.
create table audit_head (
    id bigint primary key,
    seq bigint not null,
    mac text not null
);
insert into audit_head (id, seq, mac)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
