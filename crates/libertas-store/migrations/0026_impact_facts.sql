-- The impact measures' funnel facts (issue 12, part 1: the admin's exact view at 100,000 cases).
--
-- The exact funnel of a period followed each cohort report to its case, its victims'
-- positive decisions, their first referral, first delivered service and assessments: eight
-- index look-ups per victim, too slow for a year of reports. These two tables hold the same
-- plain facts (ids, codes, dates and a 0/1 flag; no personal data, no score, no outcome),
-- one row per report and one per report x case x identified victim, so a period is one
-- range scan of each. They are derived data: the views below define them from scratch, the
-- triggers (migrations/sqlite/0026 and migrations/postgres/0026) recompute the rows a write
-- touches in the same transaction as the write, and backups do not carry them (restoring
-- the source rows fires the triggers again).

-- Every report: when and by whom it was received, its verdict, and its case's opening day.
create table impact_reports (
    report_id text primary key,
    org_id text not null,
    received_at text not null,   -- reports.created_at
    verdict text,
    case_id text,
    opened_on text,              -- yyyy-mm-dd of cases.created_at, when linked to a case
    packed text                  -- "case_id,received_at,opened_on" when linked to a case
);
create index impact_reports_cohort on impact_reports (org_id, received_at, verdict, packed);
create index impact_reports_case on impact_reports (case_id);

-- A person with a dated positive reasonable or conclusive grounds decision in a case, once
-- per report linked to that case (the reader dedupes people within a period).
create table impact_victims (
    report_id text not null,
    case_id text not null,
    person_id text not null,
    org_id text not null,        -- the report's organisation
    received_at text not null,   -- the report's reports.created_at
    opened_on text not null,     -- yyyy-mm-dd of the case's opening
    rg_on text,                  -- earliest positive reasonable grounds date in this case
    cg_on text,                  -- earliest positive conclusive grounds date in this case
    referred_on text,            -- yyyy-mm-dd of the first referral from this case
    assisted_on text,            -- first delivered service under a care plan of org_id
    assessed bigint not null,    -- 1 when org_id recorded an outcome assessment of them
    -- "person_id,opened_on,rg_on,cg_on,referred_on,assisted_on,assessed" (a null empty): what
    -- the exact view reads, joined once per period instead of formatted row by row.
    packed text not null,
    primary key (report_id, case_id, person_id)
);
create index impact_victims_cohort on impact_victims (org_id, received_at, packed);
create index impact_victims_case on impact_victims (case_id);
create index impact_victims_person on impact_victims (person_id);

-- SQLite's triggers name here the case, person or report whose facts to recompute; the
-- table's own trigger does it and removes the row, so it is empty between statements
-- (migrations/sqlite/0026). PostgreSQL's triggers call functions instead and leave it unused.
create table impact_refresh (
    kind text not null,          -- case, person or report
    id text not null
);

-- What the triggers look rows up by.
create index reports_case on reports (case_id);
create index decisions_case_person on decisions (case_person_id);

-- The facts from scratch (the triggers insert from these, filtered by case, person or
-- report; the test of the facts compares the tables with them).
create view impact_report_source as
select r.id as report_id, r.org_id, r.created_at as received_at, r.verdict, r.case_id,
       substr(c.created_at, 1, 10) as opened_on,
       case when c.id is not null
            then format('%s,%s,%s', r.case_id, r.created_at, substr(c.created_at, 1, 10)) end as packed
from reports r
left join cases c on c.id = r.case_id;

create view impact_victim_source as
select v.*,
       format('%s,%s,%s,%s,%s,%s,%s', v.person_id, v.opened_on, v.rg_on, v.cg_on, v.referred_on,
              v.assisted_on, v.assessed) as packed
from (select r.id as report_id, f.case_id, f.person_id, r.org_id, r.created_at as received_at,
             f.opened_on, f.rg_on, f.cg_on,
             (select substr(min(x.created_at), 1, 10) from referrals x
               where x.case_id = f.case_id and x.person_id = f.person_id) as referred_on,
             (select min(dl.delivered_on) from care_plans pl
                join care_services s on s.plan_id = pl.id
                join care_deliveries dl on dl.service_id = s.id
               where pl.person_id = f.person_id and pl.org_id = r.org_id) as assisted_on,
             (select count(*) from (select 1 from assessments a
               where a.person_id = f.person_id and a.org_id = r.org_id limit 1) one) as assessed
      from (select d.case_id, cp.person_id, substr(c.created_at, 1, 10) as opened_on,
                   min(case when d.rg_decision = 'positive' then d.rg_date end) as rg_on,
                   min(case when d.cg_decision = 'positive' then d.cg_date end) as cg_on
            from decisions d
            join case_people cp on cp.id = d.case_person_id
            join cases c on c.id = d.case_id
            group by d.case_id, cp.person_id, c.created_at) f
      join reports r on r.case_id = f.case_id
      where f.rg_on is not null or f.cg_on is not null) v;

insert into impact_reports (report_id, org_id, received_at, verdict, case_id, opened_on, packed)
select report_id, org_id, received_at, verdict, case_id, opened_on, packed from impact_report_source;

insert into impact_victims (report_id, case_id, person_id, org_id, received_at, opened_on,
                            rg_on, cg_on, referred_on, assisted_on, assessed, packed)
select report_id, case_id, person_id, org_id, received_at, opened_on,
       rg_on, cg_on, referred_on, assisted_on, assessed, packed
from impact_victim_source;
