-- 0023: a member's home counts without visiting every case of a large caseload.
--
-- The home counts a member's cases by status. For a supervisor who is a member of 20,000 cases
-- that meant looking up each case (about 30 ms of a 110 ms home on SQLite). The membership row
-- now carries its case's status, kept by the two writes that touch it (a new membership copies
-- it; a status change updates every membership of the case, in the same transaction), so the
-- count reads one index. Rows written before this migration (and rows a restore brings back
-- from an older backup, which runs this migration after loading them) are filled here.
alter table case_members add column case_status text;
update case_members set case_status = (select c.status from cases c where c.id = case_members.case_id);
create index case_members_user_status on case_members (user_id, case_status);
