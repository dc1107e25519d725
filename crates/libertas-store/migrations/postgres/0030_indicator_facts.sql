-- 0030, PostgreSQL only: the triggers that keep the justice indicators' facts
-- (migrations/0030_indicator_facts.sql) equal to their from-scratch views, in the transaction
-- of every write that changes them. Each one recomputes the facts of the case the written row
-- belongs to (before and after an update), so the order in which rows arrive does not matter.
-- migrations/sqlite/0030 does the same. Like 0026's, the recomputing function touches a few
-- rows found by key and runs with index look-ups and nested loops only (a bulk load runs it
-- before the new rows have statistics).

create function indicator_refresh_case(c text) returns void
language plpgsql
set enable_seqscan = off
set enable_hashjoin = off
set enable_mergejoin = off
as $$
begin
    if c is null then
        return;
    end if;
    delete from indicator_cases where case_id = c;
    insert into indicator_cases (case_id, org_id, created_at, stage)
    select case_id, org_id, created_at, stage from indicator_case_source where case_id = c;
    delete from indicator_identified where case_id = c;
    insert into indicator_identified (decision_id, case_id, org_id, created_at, person_id)
    select decision_id, case_id, org_id, created_at, person_id from indicator_identified_source where case_id = c;
    delete from indicator_charges where case_id = c;
    insert into indicator_charges (charge_id, case_id, org_id, filed_on)
    select charge_id, case_id, org_id, filed_on from indicator_charge_source where case_id = c;
    delete from indicator_charged where case_id = c;
    insert into indicator_charged (case_id, org_id, first_filed, packed)
    select case_id, org_id, first_filed, packed from indicator_charged_source where case_id = c;
    delete from indicator_verdicts where case_id = c;
    insert into indicator_verdicts (verdict_id, case_id, org_id, decided_on, packed)
    select verdict_id, case_id, org_id, decided_on, packed from indicator_verdict_source where case_id = c;
end
$$;

-- The case of the written row: its id for cases, its case_id for every other table.
create function indicator_rows_changed() returns trigger
language plpgsql as $$
begin
    if tg_table_name = 'cases' then
        if tg_op <> 'INSERT' then
            perform indicator_refresh_case(old.id);
        end if;
        if tg_op <> 'DELETE' then
            perform indicator_refresh_case(new.id);
        end if;
    else
        if tg_op <> 'INSERT' then
            perform indicator_refresh_case(old.case_id);
        end if;
        if tg_op <> 'DELETE' then
            perform indicator_refresh_case(new.case_id);
        end if;
    end if;
    return null;
end
$$;

create trigger indicator_cases_changed after insert or delete or update of org_id, created_at on cases
for each row execute function indicator_rows_changed();

create trigger indicator_decisions_changed after insert or delete or update of case_id, case_person_id, trafficking_status, referral_date, created_at on decisions
for each row execute function indicator_rows_changed();

create trigger indicator_case_people_changed after insert or delete or update of case_id, person_id on case_people
for each row execute function indicator_rows_changed();

create trigger indicator_charges_changed after insert or delete or update of case_id, filed_on on charges
for each row execute function indicator_rows_changed();

create trigger indicator_verdicts_changed after insert or delete or update of case_id, charge_id, outcome, decided_on on verdicts
for each row execute function indicator_rows_changed();

create trigger indicator_sentences_changed after insert or delete or update of case_id, verdict_id, prison_months on sentences
for each row execute function indicator_rows_changed();
