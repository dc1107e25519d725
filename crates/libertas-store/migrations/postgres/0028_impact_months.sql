-- 0028, PostgreSQL only: the triggers that bump the stamps of the months whose summaries a
-- change of the impact facts can alter (migrations/0028_impact_months.sql): the row's own
-- month and the months of the other rows of its case (reports) or person (victims), before
-- and after the change. migrations/sqlite/0028 does the same. (One upsert may not touch a row
-- twice here, hence the distinct months.)

create function impact_months_bump(o text, m text, c text, p text) returns void
language plpgsql as $$
begin
    insert into impact_month_stamps (org_id, month, stamp)
    select distinct org_id, month, 1 from (
        select o as org_id, substr(m, 1, 7) as month
        union all
        select org_id, substr(received_at, 1, 7) from impact_reports where c is not null and case_id = c
        union all
        select org_id, substr(received_at, 1, 7) from impact_victims where p is not null and person_id = p
    ) months
    on conflict (org_id, month) do update set stamp = impact_month_stamps.stamp + 1;
end
$$;

create function impact_months_reports_changed() returns trigger
language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform impact_months_bump(old.org_id, old.received_at, old.case_id, null);
    end if;
    if tg_op <> 'DELETE' then
        perform impact_months_bump(new.org_id, new.received_at, new.case_id, null);
    end if;
    return null;
end
$$;

create trigger impact_months_reports_changed after insert or delete or update on impact_reports
for each row execute function impact_months_reports_changed();

create function impact_months_victims_changed() returns trigger
language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform impact_months_bump(old.org_id, old.received_at, null, old.person_id);
    end if;
    if tg_op <> 'DELETE' then
        perform impact_months_bump(new.org_id, new.received_at, null, new.person_id);
    end if;
    return null;
end
$$;

create trigger impact_months_victims_changed after insert or delete or update on impact_victims
for each row execute function impact_months_victims_changed();
