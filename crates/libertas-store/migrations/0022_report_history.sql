-- 0022: the reports queue over every report ever received (100,000 and more).
--
-- A page is found in two steps (reports/queue.rs): its ids from an index, then its summaries.
-- Each index below holds a filter, the order (when the report came in) and the id, so finding
-- the ids of page 1,000 walks index entries without reading a report; history views list the
-- newest first. They replace the three of 0002 and 0021 that lacked the id. Two more hold the
-- working order (urgent first, then the longest waiting) for a status and for every report.
create index reports_org_created on reports (org_id, created_at, id);
create index reports_status_created on reports (org_id, status, created_at, id);
create index reports_verdict_created on reports (org_id, verdict, created_at, id);
create index reports_channel_created on reports (org_id, channel, created_at, id);
create index reports_status_urgent on reports (org_id, status, urgent desc, created_at, id);
create index reports_org_urgent on reports (org_id, urgent desc, created_at, id);
drop index reports_queue;
drop index reports_verdict;
drop index reports_channel;
