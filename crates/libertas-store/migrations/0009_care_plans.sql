-- 0009: individual care plans of survivors (issue 4, items 9 and 11).
--
-- A plan belongs to a person and is opened through one case in which the person is a victim
-- (case_person_id), so that the tasks it makes (assessment due) land in that case's task
-- list. Codes, dates and statuses are plain columns; goal text, providers, what was
-- delivered and delivery notes describe the survivor and are sealed under the person's key
-- (erasing the person makes them unreadable).

create table care_plans (
    id text primary key,
    person_id text not null references persons (id),
    org_id text not null references organisations (id),
    case_id text not null references cases (id),
    case_person_id text not null references case_people (id),
    opened_on text not null,                -- YYYY-MM-DD
    status text not null constraint care_plans_status_check check (status in ('open', 'closed')),
    created_by text not null references users (id),
    created_at text not null
);
create index care_plans_person_idx on care_plans (person_id, opened_on);
-- At most one open plan per person, even when two workers open one at the same moment.
create unique index care_plans_one_open on care_plans (person_id) where status = 'open';

-- Goals, each in one ASO domain (libertas_domain::care::DOMAINS keys).
create table care_goals (
    id text primary key,
    plan_id text not null references care_plans (id),
    domain text not null,
    text blob not null,
    target_date text,
    status text not null constraint care_goals_status_check
        check (status in ('planned', 'in_progress', 'achieved', 'discontinued')),
    created_by text not null references users (id),
    created_at text not null,
    updated_at text not null
);
create index care_goals_plan_idx on care_goals (plan_id, domain);

-- Services by HTCDS spl_Type (plus Housing, Counselling); end_date never before start_date.
create table care_services (
    id text primary key,
    plan_id text not null references care_plans (id),
    service_type text not null,
    provider blob not null,
    start_date text not null,
    end_date text,
    status text not null constraint care_services_status_check
        check (status in ('planned', 'active', 'completed', 'cancelled')),
    created_by text not null references users (id),
    created_at text not null,
    updated_at text not null,
    constraint care_services_dates_check check (end_date is null or end_date >= start_date)
);
create index care_services_plan_idx on care_services (plan_id, start_date);

-- One row per occasion a service was delivered.
create table care_deliveries (
    id text primary key,
    service_id text not null references care_services (id),
    delivered_on text not null,
    delivered blob not null,
    note blob,
    recorded_by text not null references users (id),
    recorded_at text not null
);
create index care_deliveries_service_idx on care_deliveries (service_id, delivered_on);
