-- 0026, PostgreSQL only: the triggers that keep the impact facts (migrations/0026_impact_facts.sql)
-- equal to their from-scratch views, in the transaction of every write that changes them.
-- Each one recomputes the facts of the case, person or report the written row belongs to
-- (before and after an update), so the order in which rows arrive does not matter (a
-- restore inserts them table by table). migrations/sqlite/0026 does the same.
--
-- The recomputing functions always touch a few rows found by key, but a bulk load (a restore,
-- the benchmark) runs them before the new rows have statistics, when the planner would scan
-- or hash whole tables for each row written: they run with index look-ups and nested loops
-- only.

create function impact_refresh_case(c text) returns void
language plpgsql
set enable_seqscan = off
set enable_hashjoin = off
set enable_mergejoin = off
as $$
begin
    if c is null then
        return;
    end if;
    delete from impact_victims where case_id = c;
    insert into impact_victims (report_id, case_id, person_id, org_id, received_at, opened_on, rg_on, cg_on, referred_on, assisted_on, assessed, packed)
    select report_id, case_id, person_id, org_id, received_at, opened_on, rg_on, cg_on, referred_on, assisted_on, assessed, packed from impact_victim_source where case_id = c;
end
$$;

create function impact_refresh_person(p text) returns void
language plpgsql
set enable_seqscan = off
set enable_hashjoin = off
set enable_mergejoin = off
as $$
begin
    if p is null then
        return;
    end if;
    delete from impact_victims where person_id = p;
    insert into impact_victims (report_id, case_id, person_id, org_id, received_at, opened_on, rg_on, cg_on, referred_on, assisted_on, assessed, packed)
    select report_id, case_id, person_id, org_id, received_at, opened_on, rg_on, cg_on, referred_on, assisted_on, assessed, packed from impact_victim_source where person_id = p;
end
$$;

create function impact_refresh_report(r text) returns void
language plpgsql
set enable_seqscan = off
set enable_hashjoin = off
set enable_mergejoin = off
as $$
begin
    if r is null then
        return;
    end if;
    delete from impact_reports where report_id = r;
    insert into impact_reports (report_id, org_id, received_at, verdict, case_id, opened_on, packed)
    select report_id, org_id, received_at, verdict, case_id, opened_on, packed from impact_report_source where report_id = r;
end
$$;

create function impact_reports_changed() returns trigger
language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform impact_refresh_report(old.id);
        perform impact_refresh_case(old.case_id);
    end if;
    if tg_op <> 'DELETE' then
        perform impact_refresh_report(new.id);
        perform impact_refresh_case(new.case_id);
    end if;
    return null;
end
$$;

create trigger impact_reports_changed after insert or delete or update of org_id, created_at, verdict, case_id on reports
for each row execute function impact_reports_changed();

create function impact_cases_changed() returns trigger
language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform impact_refresh_report(x.report_id)
        from (select report_id from impact_reports where case_id = old.id) x;
        perform impact_refresh_case(old.id);
    else
        perform impact_refresh_report(x.report_id)
        from (select report_id from impact_reports where case_id = new.id) x;
        perform impact_refresh_case(new.id);
    end if;
    return null;
end
$$;

create trigger impact_cases_changed after delete or update of created_at on cases
for each row execute function impact_cases_changed();

create function impact_decisions_changed() returns trigger
language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform impact_refresh_case(old.case_id);
    end if;
    if tg_op <> 'DELETE' then
        perform impact_refresh_case(new.case_id);
    end if;
    return null;
end
$$;

create trigger impact_decisions_changed after insert or delete or update of case_id, case_person_id, rg_decision, rg_date, cg_decision, cg_date on decisions
for each row execute function impact_decisions_changed();

create function impact_case_people_changed() returns trigger
language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform impact_refresh_case(old.case_id);
    end if;
    if tg_op <> 'DELETE' then
        perform impact_refresh_case(new.case_id);
    end if;
    return null;
end
$$;

create trigger impact_case_people_changed after insert or delete or update of case_id, person_id on case_people
for each row execute function impact_case_people_changed();

create function impact_referrals_changed() returns trigger
language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform impact_refresh_case(old.case_id);
    end if;
    if tg_op <> 'DELETE' then
        perform impact_refresh_case(new.case_id);
    end if;
    return null;
end
$$;

create trigger impact_referrals_changed after insert or delete or update of case_id, person_id, created_at on referrals
for each row execute function impact_referrals_changed();

create function impact_care_plans_changed() returns trigger
language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform impact_refresh_person(old.person_id);
    end if;
    if tg_op <> 'DELETE' then
        perform impact_refresh_person(new.person_id);
    end if;
    return null;
end
$$;

create trigger impact_care_plans_changed after insert or delete or update of person_id, org_id on care_plans
for each row execute function impact_care_plans_changed();

create function impact_care_services_changed() returns trigger
language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform impact_refresh_person((select person_id from care_plans where id = old.plan_id));
    end if;
    if tg_op <> 'DELETE' then
        perform impact_refresh_person((select person_id from care_plans where id = new.plan_id));
    end if;
    return null;
end
$$;

create trigger impact_care_services_changed after insert or delete or update of plan_id on care_services
for each row execute function impact_care_services_changed();

create function impact_care_deliveries_changed() returns trigger
language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform impact_refresh_person((select pl.person_id from care_services s join care_plans pl on pl.id = s.plan_id where s.id = old.service_id));
    end if;
    if tg_op <> 'DELETE' then
        perform impact_refresh_person((select pl.person_id from care_services s join care_plans pl on pl.id = s.plan_id where s.id = new.service_id));
    end if;
    return null;
end
$$;

create trigger impact_care_deliveries_changed after insert or delete or update of service_id, delivered_on on care_deliveries
for each row execute function impact_care_deliveries_changed();

create function impact_assessments_changed() returns trigger
language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform impact_refresh_person(old.person_id);
    end if;
    if tg_op <> 'DELETE' then
        perform impact_refresh_person(new.person_id);
    end if;
    return null;
end
$$;

create trigger impact_assessments_changed after insert or delete or update of person_id, org_id on assessments
for each row execute function impact_assessments_changed();
