-- 0008: suspects' roles and criminal proceedings (charges, hearings, verdicts, sentences).
--
-- Codes, dates, counts and amounts are plain; notes on charges and hearing outcomes are
-- narrative, sealed under the case key. People are named only by their case_people row, never
-- by name. Rows are written by case members with the Prosecute capability.

-- HTCDS per_RoleInProcess codes of a suspect (several per suspect; replaced as a set).
create table suspect_roles (
    case_person_id text not null references case_people (id),
    role text not null,
    set_by text not null references users (id),
    set_at text not null,
    primary key (case_person_id, role)
);

create table charges (
    id text primary key,
    case_id text not null references cases (id),
    case_person_id text not null references case_people (id),   -- the suspect charged
    law text not null,              -- e.g. Modern Slavery Act 2015
    section text not null,          -- e.g. s.2
    counts bigint not null,         -- at least 1
    filed_on text not null,         -- YYYY-MM-DD
    note blob,                      -- sealed under the case key
    created_by text not null references users (id),
    created_at text not null
);
create index charges_case on charges (case_id, filed_on);

-- A hearing of one charge, or of the case as a whole (charge_id null).
create table hearings (
    id text primary key,
    case_id text not null references cases (id),
    charge_id text references charges (id),
    held_on text not null,          -- YYYY-MM-DD; may be in the future (scheduled)
    court text not null,
    kind text not null,             -- first_appearance | preliminary | bail | trial | sentencing | appeal | other
    outcome blob,                   -- sealed under the case key
    created_by text not null references users (id),
    created_at text not null
);
create index hearings_case on hearings (case_id, held_on);

-- The one final verdict of a charge.
create table verdicts (
    id text primary key,
    case_id text not null references cases (id),
    charge_id text not null references charges (id),
    outcome text not null,          -- convicted | acquitted | dismissed | withdrawn
    decided_on text not null,       -- not before the charge was filed
    created_by text not null references users (id),
    created_at text not null,
    constraint verdicts_charge_id_key unique (charge_id)
);
create index verdicts_case on verdicts (case_id);

-- The sentence of a conviction (one per verdict).
create table sentences (
    id text primary key,
    case_id text not null references cases (id),
    verdict_id text not null references verdicts (id),
    prison_months bigint not null,
    suspended bigint not null,
    fine_minor bigint,              -- minor units (pence, bani) of currency
    currency text,                  -- ISO 4217
    sentenced_on text not null,     -- not before the verdict
    created_by text not null references users (id),
    created_at text not null,
    constraint sentences_verdict_id_key unique (verdict_id)
);
create index sentences_case on sentences (case_id);

-- Restitution ordered by a sentence to victims of the case.
create table sentence_restitutions (
    sentence_id text not null references sentences (id),
    case_person_id text not null references case_people (id),   -- a victim of the case
    amount_minor bigint not null,   -- minor units of the sentence's currency
    primary key (sentence_id, case_person_id)
);
