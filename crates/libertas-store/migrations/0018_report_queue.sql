-- 0018: the reports queue of a working day (issue 11).
--
-- Short human ids for reports: `R-2026-00042`, counted per organisation and year in
-- `id_counters` (0017) with kind `R`, taken inside the write transaction that stores the
-- report. Reports received before this migration get theirs when the store starts (in the
-- order they came in), so `number` is null only until then.
alter table reports add column number text;
create unique index reports_number on reports (org_id, number);

-- The operator who took the report (null: nobody holds it), and since when. Taking and
-- releasing are audited (`report.take`, `report.release`).
alter table reports add column assigned_to text references users (id);
alter table reports add column assigned_at text;

-- The queue pages through an organisation's reports newest or oldest first, whatever their
-- status; `reports_queue (org_id, status, created_at)` serves the open ones.
create index reports_received on reports (org_id, created_at);
