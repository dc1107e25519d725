-- 0017: short human ids for cases (issue 11): `C-2026-00123`, counted per organisation and
-- year, shown everywhere a case is named and searchable; the UUID stays the API's id.
-- Cases opened before this migration get theirs when the store starts (in the order they
-- were opened), so `number` is null only until then.
alter table cases add column number text;
create unique index cases_number on cases (org_id, number);

-- The last number given, per organisation, kind (`C` for cases) and year. Taken inside the
-- write transaction that creates the record, so numbers are never shared or skipped.
create table id_counters (
    org_id text not null,
    kind text not null,
    year integer not null,
    last bigint not null,
    primary key (org_id, kind, year)
);
