-- 0024: hidden-victim estimates (issue 12, part 3; docs/statistics.md "The hidden-victim
-- estimate").
--
-- One row per run, kept so a result page can be shown again and the run repeated exactly:
-- the request (lists, period, method, seed) and what the run printed. `result` is a JSON
-- object of aggregates only (observed and estimated totals, interval, model terms, warning
-- codes, counts); `histories` is the capture-history table after small-cell suppression
-- (JSON array of {pattern, count|null}), the only table ever shown or exported. No person id,
-- no exact small cell and nothing decrypted is stored. The seed is text because it is an
-- unsigned 64-bit number.
create table estimates (
    id text primary key,
    org_id text not null references organisations (id),
    requested_by text not null references users (id),
    sources text not null,                  -- comma-separated list codes, in bit order
    period_from text not null,              -- YYYY-MM-DD
    period_to text not null,                -- YYYY-MM-DD
    method text not null,                   -- stepwise | bic | bma
    seed text not null,
    result text not null,
    histories text not null,
    created_at text not null
);
create index estimates_org on estimates (org_id, created_at);
