-- 0001, PostgreSQL only: audit_events is append-only (after migrations/0001_foundation.sql).

create function audit_events_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_events is append-only';
end
$$;

create trigger audit_events_no_update_delete before update or delete on audit_events
for each row execute function audit_events_append_only();

create trigger audit_events_no_truncate before truncate on audit_events
for each statement execute function audit_events_append_only();
