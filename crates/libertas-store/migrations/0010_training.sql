-- 0010: training events and mentoring sessions for justice professionals (issue 4, item 12).
--
-- Nothing here names a person: participants are counted by professional type, never listed.
-- Topics, places and scores are programme data of the organisation (internal class), so they
-- are plain; mentoring notes may describe a mentee's cases and are sealed under a data key of
-- their own (owner kind 'mentoring' in the key store).

-- Mean test scores are stored in tenths of a point (0..1000 for 0..100) to stay portable
-- without floating-point columns.
create table training_events (
    id text primary key,
    org_id text not null references organisations (id),
    topic text not null,
    held_on text not null,                  -- YYYY-MM-DD
    place text not null,
    audiences text not null,                -- comma-separated audience codes, e.g. police,judge
    police bigint not null constraint training_police_check check (police >= 0),
    prosecutor bigint not null constraint training_prosecutor_check check (prosecutor >= 0),
    judge bigint not null constraint training_judge_check check (judge >= 0),
    social_worker bigint not null constraint training_social_worker_check check (social_worker >= 0),
    other bigint not null constraint training_other_check check (other >= 0),
    pre_score_tenths bigint constraint training_pre_check check (pre_score_tenths between 0 and 1000),
    post_score_tenths bigint constraint training_post_check check (post_score_tenths between 0 and 1000),
    created_by text not null references users (id),
    created_at text not null,
    updated_at text not null
);
create index training_events_org_idx on training_events (org_id, held_on);

create table mentoring_sessions (
    id text primary key,
    org_id text not null references organisations (id),
    held_on text not null,
    mentee_type text not null,              -- police | prosecutor | judge | social_worker | other
    topic text not null,
    duration_minutes bigint not null constraint mentoring_duration_check check (duration_minutes > 0),
    notes blob,
    created_by text not null references users (id),
    created_at text not null
);
create index mentoring_sessions_org_idx on mentoring_sessions (org_id, held_on);
