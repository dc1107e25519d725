-- The impact measures' month summaries (issue 12: the admin's exact view of twelve months at
-- 100,000 cases within 100 ms).
--
-- A period's exact funnel deduplicates cases (a case counts once, from its first report of
-- the period) and people (a person counts once, from their first identification). Both can
-- be added up month by month only for the cases and people that occur in one month: so a
-- month's summary holds those already counted (reports by verdict, days-between-steps
-- histograms, victims by step reached), and keeps every other fact row as it is (cases and
-- people that also occur in another month, and assessed people, whose sealed scores are
-- opened at read time). A period reads the summaries of its whole months and the fact rows
-- of its partial months at the edges (stats/impact/months.rs).
--
-- Summaries are derived data, computed at read time and kept with the month's stamp at that
-- moment. The triggers (migrations/sqlite/0028 and migrations/postgres/0028) bump the stamp
-- of every month whose summary a change of the facts can alter: the fact row's own month and
-- the months of every other row of the same case (reports) or person (victims), since
-- whether those occur in one month may have changed. A summary is used only while its stamp
-- is the month's current one, so a write never has to recompute anything and a summary
-- computed while a write commits is never used after it.

-- The current stamp of each organisation's month. Every month that has facts has a stamp
-- (those of the facts already there are set below, later ones by the triggers), so a month
-- without one has nothing to summarise.
create table impact_month_stamps (
    org_id text not null,
    month text not null,         -- yyyy-mm of impact_reports/impact_victims.received_at
    stamp bigint not null,
    primary key (org_id, month)
);
insert into impact_month_stamps (org_id, month, stamp)
select org_id, substr(received_at, 1, 7), 1 from impact_reports
union
select org_id, substr(received_at, 1, 7), 1 from impact_victims;

-- A month's summary as computed at `stamp` (JSON; ids, dates and counts only, no personal
-- data, no score: see stats/impact/months.rs).
create table impact_months (
    org_id text not null,
    month text not null,
    stamp bigint not null,
    summary text not null,
    primary key (org_id, month)
);

-- Whether a case or person of a month also occurs in another month is a look-up per id
-- (stats/impact/months.rs); these answer it from the index alone. They replace the case and
-- person indexes of 0026, which the triggers' deletes by case or person use as well.
create index impact_reports_case_month on impact_reports (case_id, org_id, received_at);
create index impact_victims_person_month on impact_victims (person_id, org_id, received_at);
drop index impact_reports_case;
drop index impact_victims_person;
