-- 0007: the partner directory, referrals and transfers, duty-to-notify records and operations
-- with authorities (issue 4, items 3 and 4).

-- Services people can be referred to, in one organisation's directory. Organisational data,
-- not personal data, so plain columns. `kinds` and `languages` are comma-separated codes.
-- `linked_org_id` names an organisation on this same Libertas, which then receives the
-- referrals in its own incoming list.
create table partners (
    id text primary key,
    org_id text not null references organisations (id),
    name text not null,
    kinds text not null,
    area text not null,
    languages text not null,
    how_to_refer text not null,
    contact text not null,
    linked_org_id text references organisations (id),
    active bigint not null default 1,
    created_by text not null references users (id),
    created_at text not null,
    updated_at text not null
);
create index partners_org_idx on partners (org_id, active);

-- One referral or transfer of one person of a case to a partner. `basis` records why the
-- person's data may be shared (consent, a written override, or a child's safeguarding);
-- the note, override reason, safeguarding note and status reason are narrative about the
-- person, sealed under the person's key (erasing the person makes them unreadable).
-- `to_org_id` is the partner's linked organisation at the time of referral.
create table referrals (
    id text primary key,
    org_id text not null references organisations (id),
    case_id text not null references cases (id),
    person_id text not null references persons (id),
    partner_id text not null references partners (id),
    to_org_id text references organisations (id),
    kind text not null constraint referrals_kind_check check (kind in ('referral', 'transfer')),
    status text not null constraint referrals_status_check
        check (status in ('requested', 'accepted', 'rejected', 'done', 'revoked')),
    basis text not null constraint referrals_basis_check check (basis in ('consent', 'override', 'child')),
    services text not null,
    note blob,
    override_reason blob,
    safeguarding_note blob,
    status_reason blob,
    created_by text not null references users (id),
    created_at text not null,
    updated_by text not null references users (id),
    updated_at text not null
);
create index referrals_case_idx on referrals (case_id, created_at);
create index referrals_to_org_idx on referrals (to_org_id, created_at);

-- Duty to notify (UK MS1 style): an anonymous record, deliberately without any person id,
-- name, birth date or contact. The case id only lets the case's members list what they
-- notified; nothing here identifies the person.
create table duty_notifications (
    id text primary key,
    org_id text not null references organisations (id),
    case_id text not null references cases (id),
    notified_on text not null,
    gender text,
    age_band text not null,
    nationality text,
    exploitation_types text not null,
    region text not null,
    created_by text not null references users (id),
    created_at text not null
);
create index duty_notifications_case_idx on duty_notifications (case_id, notified_on);

-- Operations with authorities: planned, then executed or cancelled. The name, location and
-- outcome are sealed under the case key; agencies are comma-separated codes.
create table operations (
    id text primary key,
    org_id text not null references organisations (id),
    case_id text not null references cases (id),
    name blob not null,
    agencies text not null,
    location blob not null,
    status text not null constraint operations_status_check
        check (status in ('planned', 'executed', 'cancelled')),
    planned_on text not null,
    executed_on text,
    outcome blob,
    created_by text not null references users (id),
    created_at text not null,
    updated_by text not null references users (id),
    updated_at text not null
);
create index operations_case_idx on operations (case_id, planned_on);

-- The victims of the case brought to safety by an executed operation.
create table operation_people (
    operation_id text not null references operations (id),
    person_id text not null references persons (id),
    primary key (operation_id, person_id)
);
