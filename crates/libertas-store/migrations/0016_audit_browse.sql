-- 0016: indexes for the audit viewer (issue 11): newest first by actor, by action, and a date
-- range turned into a range of `seq` through `at`. The object filter uses `audit_events_object`.
create index audit_events_actor on audit_events (actor, seq);
create index audit_events_action on audit_events (action, seq);
create index audit_events_at on audit_events (at);
