-- The justice indicators' facts (issue 12: the admin's exact view of a year at 100,000 cases
-- within 100 ms; benches/indicators.rs).
--
-- Counting a year's cases by their furthest stage took three look-ups per case, the people
-- identified a join of decisions to case people and cases, and the verdicts three look-ups
-- per verdict: 0.2 to 0.4 s a year. These tables hold the same plain facts (ids, codes,
-- dates, counts; no personal data), keyed so that a period is one range scan of an index.
-- Every fact belongs to one case. They are derived data: the views below define them from
-- scratch, the triggers (migrations/sqlite/0030 and migrations/postgres/0030) recompute a
-- case's facts in the transaction of every write that changes them, and backups do not carry
-- them (restoring the source rows fires the triggers again, or PostgreSQL rebuilds them once).

-- Every case: its organisation, its opening and the furthest stage it has reached
-- (0 opened, 1 victim identified, 2 charged, 3 verdict).
create table indicator_cases (
    case_id text primary key,
    org_id text not null,
    created_at text not null,
    stage bigint not null
);
create index indicator_cases_period on indicator_cases (org_id, created_at, stage);

-- Every decision identifying a possible or actual victim of trafficking, with the person.
create table indicator_identified (
    decision_id text primary key,
    case_id text not null,
    org_id text not null,
    created_at text not null,
    person_id text not null
);
create index indicator_identified_case on indicator_identified (case_id);
create index indicator_identified_period on indicator_identified (org_id, created_at, person_id);

-- Every charge, by its filing day.
create table indicator_charges (
    charge_id text primary key,
    case_id text not null,
    org_id text not null,
    filed_on text not null
);
create index indicator_charges_case on indicator_charges (case_id);
create index indicator_charges_period on indicator_charges (org_id, filed_on);

-- Every charged case: its first charge's filing day, and what the days to it are counted
-- from (its victims' earliest NRM referral day, or the case's opening): "first_filed,since".
create table indicator_charged (
    case_id text primary key,
    org_id text not null,
    first_filed text not null,
    packed text not null
);
create index indicator_charged_period on indicator_charged (org_id, first_filed, packed);

-- Every verdict: "outcome,filed_on,decided_on,prison_months" (its charge's filing day; the
-- prison months of its sentence, empty without one).
create table indicator_verdicts (
    verdict_id text primary key,
    case_id text not null,
    org_id text not null,
    decided_on text not null,
    packed text not null
);
create index indicator_verdicts_case on indicator_verdicts (case_id);
create index indicator_verdicts_period on indicator_verdicts (org_id, decided_on, packed);

-- SQLite's triggers name here the case whose facts to recompute; the table's own trigger does
-- it and removes the row, so it is empty between statements (migrations/sqlite/0030).
-- PostgreSQL's triggers call a function instead and leave it unused.
create table indicator_refresh (
    case_id text not null
);

-- The facts from scratch (the triggers insert from these, filtered by case; the test of the
-- facts compares the tables with them).
create view indicator_case_source as
select c.id as case_id, c.org_id, c.created_at,
       case when exists (select 1 from verdicts v where v.case_id = c.id) then 3
            when exists (select 1 from charges ch where ch.case_id = c.id) then 2
            when exists (select 1 from decisions d where d.case_id = c.id
                         and d.trafficking_status in ('PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking')) then 1
            else 0 end as stage
from cases c;

create view indicator_identified_source as
select d.id as decision_id, d.case_id, c.org_id, d.created_at, cp.person_id
from decisions d
join case_people cp on cp.id = d.case_person_id
join cases c on c.id = d.case_id
where d.trafficking_status in ('PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking');

create view indicator_charge_source as
select ch.id as charge_id, ch.case_id, c.org_id, ch.filed_on
from charges ch
join cases c on c.id = ch.case_id;

create view indicator_charged_source as
select x.case_id, x.org_id, x.first_filed,
       format('%s,%s', x.first_filed,
              coalesce((select nullif(min(d.referral_date), '') from decisions d where d.case_id = x.case_id),
                       x.created_at)) as packed
from (select c.id as case_id, c.org_id, c.created_at, min(ch.filed_on) as first_filed
      from charges ch
      join cases c on c.id = ch.case_id
      group by c.id, c.org_id, c.created_at) x;

create view indicator_verdict_source as
select v.id as verdict_id, v.case_id, c.org_id, v.decided_on,
       format('%s,%s,%s,%s', v.outcome, ch.filed_on, v.decided_on,
              coalesce((select cast(s.prison_months as text) from sentences s where s.verdict_id = v.id), '')) as packed
from verdicts v
join charges ch on ch.id = v.charge_id
join cases c on c.id = v.case_id;

insert into indicator_cases (case_id, org_id, created_at, stage)
select case_id, org_id, created_at, stage from indicator_case_source;
insert into indicator_identified (decision_id, case_id, org_id, created_at, person_id)
select decision_id, case_id, org_id, created_at, person_id from indicator_identified_source;
insert into indicator_charges (charge_id, case_id, org_id, filed_on)
select charge_id, case_id, org_id, filed_on from indicator_charge_source;
insert into indicator_charged (case_id, org_id, first_filed, packed)
select case_id, org_id, first_filed, packed from indicator_charged_source;
insert into indicator_verdicts (verdict_id, case_id, org_id, decided_on, packed)
select verdict_id, case_id, org_id, decided_on, packed from indicator_verdict_source;

