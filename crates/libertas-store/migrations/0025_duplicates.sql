-- Duplicates and merges over stored people (issue 12, part 2).
--
-- A job links an organisation's people with the linkage engine, in memory inside the store;
-- only the pairs it proposes are written: two person ids, a score and the names of the
-- fields that agreed, never a value. Caseworkers who are members of a case of both records
-- then merge a pair, or dismiss it so that it is never proposed again. A merge keeps both
-- rows: the kept record receives the values it lacked, re-sealed under its own key, and the
-- merge row holds the kept record's previous sealed values so the merge can be undone
-- exactly.

-- One run of the job, with the progress the job page shows while it runs.
create table dedupe_jobs (
    id text primary key,
    org_id text not null references organisations (id),
    status text not null,            -- running, done, failed
    stage text not null,             -- reading, linking, storing, done
    done bigint not null default 0,  -- units of the current stage finished
    total bigint not null default 0, -- units of the current stage expected (0: unknown)
    people bigint not null default 0,
    candidates bigint not null default 0,
    started_by text not null,        -- user id, or "cli" for the operator
    started_at text not null,
    finished_at text
);
create index dedupe_jobs_org on dedupe_jobs (org_id, started_at);

-- A pair of people a job found likely to be the same person. person_a < person_b, so a
-- pair has one row for ever: a dismissed pair keeps its row and is not proposed again.
create table dedupe_candidates (
    id text primary key,
    org_id text not null references organisations (id),
    job_id text not null references dedupe_jobs (id),
    person_a text not null references persons (id),
    person_b text not null references persons (id),
    score_ppm bigint not null,       -- match probability in parts per million
    fields text not null,            -- comma-separated names of the agreeing fields, no values
    status text not null,            -- open, merged, dismissed
    decided_by text,
    decided_at text,
    created_at text not null
);
create unique index dedupe_candidates_pair_key on dedupe_candidates (org_id, person_a, person_b);
create index dedupe_candidates_status on dedupe_candidates (org_id, status);

-- A merge of absorbed_id into kept_id. Active while undone_at is null. The prev_* columns
-- hold the kept record's sealed values from before the merge, byte for byte (still sealed
-- under the kept person's key and bound to its persons row), which undo writes back.
create table person_merges (
    id text primary key,
    org_id text not null references organisations (id),
    candidate_id text not null references dedupe_candidates (id),
    kept_id text not null references persons (id),
    absorbed_id text not null references persons (id),
    prev_given_name blob,
    prev_family_name blob,
    prev_birth_date blob,
    prev_phone blob,
    prev_email blob,
    prev_identity_numbers blob,
    filled text not null,            -- names of the fields filled from the absorbed record
    merged_by text not null,
    merged_at text not null,
    undone_by text,
    undone_at text
);
create index person_merges_kept on person_merges (kept_id);
create index person_merges_absorbed on person_merges (absorbed_id);
