-- 0021: the case list of a large caseload (a supervisor who is a member of 20,000 cases) reads
-- cases in the order shown and stops at the page, instead of sorting every case of the
-- caseload. One index per order the list offers (the number order has cases_number), one with
-- the status in front for the status filter, and one that holds what the counts of a caseload
-- read (organisation, status, owner), so a count never leaves the index. The index on org_id
-- alone is the first column of the new ones.
create index cases_org_updated on cases (org_id, updated_at, id);
create index cases_org_status_updated on cases (org_id, status, updated_at, id);
create index cases_org_created on cases (org_id, created_at, id);
create index cases_count on cases (id, org_id, status, owner_id);
drop index cases_org;
