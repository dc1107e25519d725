-- 0019: the lists of issue 11 (my cases, my tasks, the home page's counts) start from the
-- reader's memberships. The old index on user_id alone sends every membership back to the
-- table for its case id; this one holds both, so the walk over a caseload never leaves it.
create index case_members_user_case on case_members (user_id, case_id);
