-- 0006: consent records and survivor outcome assessments (issue 4, items 10 and 11).

-- One row per consent record of a person. Rows are never updated: a withdrawal is a new row
-- (kind 'withdrawal') with the withdrawn answers turned to 0, so the history stays and the
-- newest row is the person's current consent. The answers are plain 0/1 flags so that other
-- features can check consent without the person's key; reads are still audited.
create table consents (
    id text primary key,
    person_id text not null references persons (id),
    org_id text not null references organisations (id),
    kind text not null constraint consents_kind_check check (kind in ('given', 'withdrawal')),
    interview bigint not null,
    purpose_explained bigint not null,
    data_use bigint not null,
    data_sharing bigint not null,
    research_use bigint not null,
    right_to_see_explained bigint not null,
    withdrawal_explained bigint not null,
    retention_months bigint not null,
    recorded_by text not null references users (id),
    recorded_at text not null
);
create index consents_person_idx on consents (person_id, recorded_at);

-- One row per outcome assessment. The scores describe a survivor's wellbeing (mental health
-- among them), so they are sealed under the person's key as a JSON list of lists in the
-- domain order of `libertas_domain::care::DOMAINS`; erasing the person makes them unreadable.
create table assessments (
    id text primary key,
    person_id text not null references persons (id),
    org_id text not null references organisations (id),
    assessed_on text not null,
    scores blob not null,
    recorded_by text not null references users (id),
    recorded_at text not null
);
create index assessments_person_idx on assessments (person_id, assessed_on);

-- Closing a survivor's care: it needs the latest outcome assessment (linked here, so the
-- closure shows what it was based on) and a written justification, sealed under the
-- person's key like other narrative about them.
create table care_closures (
    id text primary key,
    person_id text not null references persons (id),
    org_id text not null references organisations (id),
    assessment_id text not null references assessments (id),
    justification blob not null,
    closed_by text not null references users (id),
    closed_at text not null
);
create index care_closures_person_idx on care_closures (person_id, closed_at);
