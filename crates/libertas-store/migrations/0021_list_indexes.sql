-- 0021: the lists of issue 11 at scale (100,000 cases, 100,000 reports).
--
-- The case list of a large caseload (a supervisor who is a member of 20,000 cases) reads
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

-- The reports queue filtered by verdict or channel over every report received, and the home's
-- count of the week's screened reports (by when they changed).
create index reports_verdict on reports (org_id, verdict, created_at);
create index reports_channel on reports (org_id, channel, created_at);
create index reports_updated on reports (org_id, updated_at);
