-- 0026, SQLite only: the triggers that keep the impact facts (migrations/0026_impact_facts.sql)
-- equal to their from-scratch views, in the transaction of every write that changes them.
-- Each one recomputes the facts of the case, person or report the written row belongs to
-- (before and after an update), so the order in which rows arrive does not matter (a
-- restore inserts them table by table). migrations/postgres/0026 does the same.
--
-- SQLite narrows a view to one case or person only when given a plain value, not a
-- subquery, so the triggers of the written tables name what to recompute in impact_refresh,
-- and that table's own trigger recomputes it from the views and removes the row.

create trigger impact_refresh_insert after insert on impact_refresh
begin
    delete from impact_reports where new.kind = 'report' and report_id = new.id;
    insert into impact_reports (report_id, org_id, received_at, verdict, case_id, opened_on, packed)
    select report_id, org_id, received_at, verdict, case_id, opened_on, packed from impact_report_source where new.kind = 'report' and report_id = new.id;
    delete from impact_victims where new.kind = 'case' and case_id = new.id;
    insert into impact_victims (report_id, case_id, person_id, org_id, received_at, opened_on, rg_on, cg_on, referred_on, assisted_on, assessed, packed)
    select report_id, case_id, person_id, org_id, received_at, opened_on, rg_on, cg_on, referred_on, assisted_on, assessed, packed from impact_victim_source where new.kind = 'case' and case_id = new.id;
    delete from impact_victims where new.kind = 'person' and person_id = new.id;
    insert into impact_victims (report_id, case_id, person_id, org_id, received_at, opened_on, rg_on, cg_on, referred_on, assisted_on, assessed, packed)
    select report_id, case_id, person_id, org_id, received_at, opened_on, rg_on, cg_on, referred_on, assisted_on, assessed, packed from impact_victim_source where new.kind = 'person' and person_id = new.id;
    delete from impact_refresh where kind = new.kind and id = new.id;
end;

create trigger impact_reports_insert after insert on reports
begin
    insert into impact_refresh (kind, id) select 'report', new.id where new.id is not null;
    insert into impact_refresh (kind, id) select 'case', new.case_id where new.case_id is not null;
end;

create trigger impact_reports_update after update of org_id, created_at, verdict, case_id on reports
begin
    insert into impact_refresh (kind, id) select 'report', new.id where new.id is not null;
    insert into impact_refresh (kind, id) select 'case', old.case_id where old.case_id is not null;
    insert into impact_refresh (kind, id) select 'case', new.case_id where new.case_id is not null;
end;

create trigger impact_reports_delete after delete on reports
begin
    insert into impact_refresh (kind, id) select 'report', old.id where old.id is not null;
    insert into impact_refresh (kind, id) select 'case', old.case_id where old.case_id is not null;
end;

create trigger impact_cases_update after update of created_at on cases
begin
    insert into impact_refresh (kind, id) select 'report', report_id from impact_reports where case_id = new.id;
    insert into impact_refresh (kind, id) select 'case', new.id where new.id is not null;
end;

create trigger impact_cases_delete after delete on cases
begin
    insert into impact_refresh (kind, id) select 'report', report_id from impact_reports where case_id = old.id;
    insert into impact_refresh (kind, id) select 'case', old.id where old.id is not null;
end;

create trigger impact_decisions_insert after insert on decisions
begin
    insert into impact_refresh (kind, id) select 'case', new.case_id where new.case_id is not null;
end;

create trigger impact_decisions_update after update of case_id, case_person_id, rg_decision, rg_date, cg_decision, cg_date on decisions
begin
    insert into impact_refresh (kind, id) select 'case', old.case_id where old.case_id is not null;
    insert into impact_refresh (kind, id) select 'case', new.case_id where new.case_id is not null;
end;

create trigger impact_decisions_delete after delete on decisions
begin
    insert into impact_refresh (kind, id) select 'case', old.case_id where old.case_id is not null;
end;

create trigger impact_case_people_insert after insert on case_people
begin
    insert into impact_refresh (kind, id) select 'case', new.case_id where new.case_id is not null;
end;

create trigger impact_case_people_update after update of case_id, person_id on case_people
begin
    insert into impact_refresh (kind, id) select 'case', old.case_id where old.case_id is not null;
    insert into impact_refresh (kind, id) select 'case', new.case_id where new.case_id is not null;
end;

create trigger impact_case_people_delete after delete on case_people
begin
    insert into impact_refresh (kind, id) select 'case', old.case_id where old.case_id is not null;
end;

create trigger impact_referrals_insert after insert on referrals
begin
    insert into impact_refresh (kind, id) select 'case', new.case_id where new.case_id is not null;
end;

create trigger impact_referrals_update after update of case_id, person_id, created_at on referrals
begin
    insert into impact_refresh (kind, id) select 'case', old.case_id where old.case_id is not null;
    insert into impact_refresh (kind, id) select 'case', new.case_id where new.case_id is not null;
end;

create trigger impact_referrals_delete after delete on referrals
begin
    insert into impact_refresh (kind, id) select 'case', old.case_id where old.case_id is not null;
end;

create trigger impact_care_plans_insert after insert on care_plans
begin
    insert into impact_refresh (kind, id) select 'person', new.person_id where new.person_id is not null;
end;

create trigger impact_care_plans_update after update of person_id, org_id on care_plans
begin
    insert into impact_refresh (kind, id) select 'person', old.person_id where old.person_id is not null;
    insert into impact_refresh (kind, id) select 'person', new.person_id where new.person_id is not null;
end;

create trigger impact_care_plans_delete after delete on care_plans
begin
    insert into impact_refresh (kind, id) select 'person', old.person_id where old.person_id is not null;
end;

create trigger impact_care_services_insert after insert on care_services
begin
    insert into impact_refresh (kind, id) select 'person', person_id from care_plans where id = new.plan_id;
end;

create trigger impact_care_services_update after update of plan_id on care_services
begin
    insert into impact_refresh (kind, id) select 'person', person_id from care_plans where id = old.plan_id;
    insert into impact_refresh (kind, id) select 'person', person_id from care_plans where id = new.plan_id;
end;

create trigger impact_care_services_delete after delete on care_services
begin
    insert into impact_refresh (kind, id) select 'person', person_id from care_plans where id = old.plan_id;
end;

create trigger impact_care_deliveries_insert after insert on care_deliveries
begin
    insert into impact_refresh (kind, id) select 'person', pl.person_id from care_services s join care_plans pl on pl.id = s.plan_id where s.id = new.service_id;
end;

create trigger impact_care_deliveries_update after update of service_id, delivered_on on care_deliveries
begin
    insert into impact_refresh (kind, id) select 'person', pl.person_id from care_services s join care_plans pl on pl.id = s.plan_id where s.id = old.service_id;
    insert into impact_refresh (kind, id) select 'person', pl.person_id from care_services s join care_plans pl on pl.id = s.plan_id where s.id = new.service_id;
end;

create trigger impact_care_deliveries_delete after delete on care_deliveries
begin
    insert into impact_refresh (kind, id) select 'person', pl.person_id from care_services s join care_plans pl on pl.id = s.plan_id where s.id = old.service_id;
end;

create trigger impact_assessments_insert after insert on assessments
begin
    insert into impact_refresh (kind, id) select 'person', new.person_id where new.person_id is not null;
end;

create trigger impact_assessments_update after update of person_id, org_id on assessments
begin
    insert into impact_refresh (kind, id) select 'person', old.person_id where old.person_id is not null;
    insert into impact_refresh (kind, id) select 'person', new.person_id where new.person_id is not null;
end;

create trigger impact_assessments_delete after delete on assessments
begin
    insert into impact_refresh (kind, id) select 'person', old.person_id where old.person_id is not null;
end;
