-- 0030, SQLite only: the triggers that keep the justice indicators' facts
-- (migrations/0030_indicator_facts.sql) equal to their from-scratch views, in the transaction
-- of every write that changes them. Each one recomputes the facts of the case the written row
-- belongs to (before and after an update), so the order in which rows arrive does not matter
-- (a restore inserts them table by table). migrations/postgres/0030 does the same.
--
-- SQLite narrows a view to one case only when given a plain value, not a subquery, so the
-- triggers of the written tables name the case in indicator_refresh, and that table's own
-- trigger recomputes its facts from the views and removes the row.

create trigger indicator_refresh_insert after insert on indicator_refresh
begin
    delete from indicator_cases where case_id = new.case_id;
    insert into indicator_cases (case_id, org_id, created_at, stage)
    select case_id, org_id, created_at, stage from indicator_case_source where case_id = new.case_id;
    delete from indicator_identified where case_id = new.case_id;
    insert into indicator_identified (decision_id, case_id, org_id, created_at, person_id)
    select decision_id, case_id, org_id, created_at, person_id from indicator_identified_source where case_id = new.case_id;
    delete from indicator_charges where case_id = new.case_id;
    insert into indicator_charges (charge_id, case_id, org_id, filed_on)
    select charge_id, case_id, org_id, filed_on from indicator_charge_source where case_id = new.case_id;
    delete from indicator_charged where case_id = new.case_id;
    insert into indicator_charged (case_id, org_id, first_filed, packed)
    select case_id, org_id, first_filed, packed from indicator_charged_source where case_id = new.case_id;
    delete from indicator_verdicts where case_id = new.case_id;
    insert into indicator_verdicts (verdict_id, case_id, org_id, decided_on, packed)
    select verdict_id, case_id, org_id, decided_on, packed from indicator_verdict_source where case_id = new.case_id;
    delete from indicator_refresh where case_id = new.case_id;
end;

create trigger indicator_cases_insert after insert on cases
begin
    insert into indicator_refresh (case_id) select new.id where new.id is not null;
end;

create trigger indicator_cases_update after update of org_id, created_at on cases
begin
    insert into indicator_refresh (case_id) select old.id where old.id is not null;
    insert into indicator_refresh (case_id) select new.id where new.id is not null;
end;

create trigger indicator_cases_delete after delete on cases
begin
    insert into indicator_refresh (case_id) select old.id where old.id is not null;
end;

create trigger indicator_decisions_insert after insert on decisions
begin
    insert into indicator_refresh (case_id) select new.case_id where new.case_id is not null;
end;

create trigger indicator_decisions_update after update of case_id, case_person_id, trafficking_status, referral_date, created_at on decisions
begin
    insert into indicator_refresh (case_id) select old.case_id where old.case_id is not null;
    insert into indicator_refresh (case_id) select new.case_id where new.case_id is not null;
end;

create trigger indicator_decisions_delete after delete on decisions
begin
    insert into indicator_refresh (case_id) select old.case_id where old.case_id is not null;
end;

create trigger indicator_case_people_insert after insert on case_people
begin
    insert into indicator_refresh (case_id) select new.case_id where new.case_id is not null;
end;

create trigger indicator_case_people_update after update of case_id, person_id on case_people
begin
    insert into indicator_refresh (case_id) select old.case_id where old.case_id is not null;
    insert into indicator_refresh (case_id) select new.case_id where new.case_id is not null;
end;

create trigger indicator_case_people_delete after delete on case_people
begin
    insert into indicator_refresh (case_id) select old.case_id where old.case_id is not null;
end;

create trigger indicator_charges_insert after insert on charges
begin
    insert into indicator_refresh (case_id) select new.case_id where new.case_id is not null;
end;

create trigger indicator_charges_update after update of case_id, filed_on on charges
begin
    insert into indicator_refresh (case_id) select old.case_id where old.case_id is not null;
    insert into indicator_refresh (case_id) select new.case_id where new.case_id is not null;
end;

create trigger indicator_charges_delete after delete on charges
begin
    insert into indicator_refresh (case_id) select old.case_id where old.case_id is not null;
end;

create trigger indicator_verdicts_insert after insert on verdicts
begin
    insert into indicator_refresh (case_id) select new.case_id where new.case_id is not null;
end;

create trigger indicator_verdicts_update after update of case_id, charge_id, outcome, decided_on on verdicts
begin
    insert into indicator_refresh (case_id) select old.case_id where old.case_id is not null;
    insert into indicator_refresh (case_id) select new.case_id where new.case_id is not null;
end;

create trigger indicator_verdicts_delete after delete on verdicts
begin
    insert into indicator_refresh (case_id) select old.case_id where old.case_id is not null;
end;

create trigger indicator_sentences_insert after insert on sentences
begin
    insert into indicator_refresh (case_id) select new.case_id where new.case_id is not null;
end;

create trigger indicator_sentences_update after update of case_id, verdict_id, prison_months on sentences
begin
    insert into indicator_refresh (case_id) select old.case_id where old.case_id is not null;
    insert into indicator_refresh (case_id) select new.case_id where new.case_id is not null;
end;

create trigger indicator_sentences_delete after delete on sentences
begin
    insert into indicator_refresh (case_id) select old.case_id where old.case_id is not null;
end;
