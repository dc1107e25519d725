-- 0028, SQLite only: the triggers that bump the stamps of the months whose summaries a change
-- of the impact facts can alter (migrations/0028_impact_months.sql). The facts are rewritten
-- by delete and insert (migrations/sqlite/0026); an update is handled as both.
-- migrations/postgres/0028 does the same.

create trigger impact_months_reports_insert after insert on impact_reports
begin
    insert into impact_month_stamps (org_id, month, stamp)
    select org_id, substr(received_at, 1, 7), 1 from impact_reports
    where report_id = new.report_id or case_id = new.case_id
    on conflict (org_id, month) do update set stamp = stamp + 1;
end;

create trigger impact_months_reports_delete after delete on impact_reports
begin
    insert into impact_month_stamps (org_id, month, stamp)
    values (old.org_id, substr(old.received_at, 1, 7), 1)
    on conflict (org_id, month) do update set stamp = stamp + 1;
    insert into impact_month_stamps (org_id, month, stamp)
    select org_id, substr(received_at, 1, 7), 1 from impact_reports where case_id = old.case_id
    on conflict (org_id, month) do update set stamp = stamp + 1;
end;

create trigger impact_months_reports_update after update on impact_reports
begin
    insert into impact_month_stamps (org_id, month, stamp)
    values (old.org_id, substr(old.received_at, 1, 7), 1)
    on conflict (org_id, month) do update set stamp = stamp + 1;
    insert into impact_month_stamps (org_id, month, stamp)
    select org_id, substr(received_at, 1, 7), 1 from impact_reports
    where report_id = new.report_id or case_id = old.case_id or case_id = new.case_id
    on conflict (org_id, month) do update set stamp = stamp + 1;
end;

create trigger impact_months_victims_insert after insert on impact_victims
begin
    insert into impact_month_stamps (org_id, month, stamp)
    select org_id, substr(received_at, 1, 7), 1 from impact_victims where person_id = new.person_id
    on conflict (org_id, month) do update set stamp = stamp + 1;
end;

create trigger impact_months_victims_delete after delete on impact_victims
begin
    insert into impact_month_stamps (org_id, month, stamp)
    values (old.org_id, substr(old.received_at, 1, 7), 1)
    on conflict (org_id, month) do update set stamp = stamp + 1;
    insert into impact_month_stamps (org_id, month, stamp)
    select org_id, substr(received_at, 1, 7), 1 from impact_victims where person_id = old.person_id
    on conflict (org_id, month) do update set stamp = stamp + 1;
end;

create trigger impact_months_victims_update after update on impact_victims
begin
    insert into impact_month_stamps (org_id, month, stamp)
    values (old.org_id, substr(old.received_at, 1, 7), 1)
    on conflict (org_id, month) do update set stamp = stamp + 1;
    insert into impact_month_stamps (org_id, month, stamp)
    select org_id, substr(received_at, 1, 7), 1 from impact_victims
    where person_id = old.person_id or person_id = new.person_id
    on conflict (org_id, month) do update set stamp = stamp + 1;
end;
