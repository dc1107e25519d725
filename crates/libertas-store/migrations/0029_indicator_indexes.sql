-- The justice indicators' queries at 100,000 cases (issue 12: the exact view of a year within
-- 100 ms; benches/indicators.rs). Each figure selects rows by a date of the period; without
-- these, every reading scanned the whole table of decisions, charges, verdicts and operations.
create index decisions_created on decisions (created_at, trafficking_status);
create index charges_filed on charges (filed_on, case_id);
create index verdicts_decided on verdicts (decided_on);
create index operations_executed on operations (executed_on);
-- How far a case has gone: its identifications, looked up per case without the table.
create index decisions_case_status on decisions (case_id, trafficking_status);
