-- 0003: identification decisions (HTCDS trafficking status, UK NRM) and tasks.
--
-- A decision row is one recorded state of a victim's identification: the HTCDS trafficking
-- status with the deciding organisation's HTCDS `org_Type`, and the referral mechanism path
-- (dates 'YYYY-MM-DD', outcomes positive | negative) under a named rule set. Rows are never
-- updated: the newest row per victim is the current state, older rows are its history.
-- Notes are sealed under the case key.

create table decisions (
    id text primary key,
    case_id text not null references cases (id),
    case_person_id text not null references case_people (id),
    trafficking_status text,
    deciding_org_type text,
    rule_set text not null,             -- e.g. uk-nrm (domain::cases::deadlines::RuleSet)
    referral_date text,
    rg_decision text,
    rg_date text,
    cg_decision text,
    cg_date text,
    note blob,
    created_by text not null references users (id),
    created_at text not null
);
create index decisions_case on decisions (case_id, created_at);

-- Tasks of a case, made by hand (kind manual) or by the decision rules (kind names the rule;
-- at most one open task of each rule kind per victim). Title and description are sealed under
-- the case key because they may name people.
create table tasks (
    id text primary key,
    case_id text not null references cases (id),
    case_person_id text references case_people (id),
    decision_id text references decisions (id),
    kind text not null,                 -- manual | reasonable_grounds_due | conclusive_grounds_earliest
    title blob not null,
    description blob,
    due_date text not null,             -- YYYY-MM-DD
    assignee_id text references users (id),
    status text not null,               -- open | done
    created_by text not null references users (id),
    created_at text not null,
    done_by text references users (id),
    done_at text
);
create index tasks_case on tasks (case_id, status, due_date);
create index tasks_open_due on tasks (status, due_date);
