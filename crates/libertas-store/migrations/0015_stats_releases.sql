-- 0015: published statistics (issue 9, finding 15: statistics that cannot be differenced).
--
-- Readers who may not see exact figures (analysts, trainers, and everyone looking at the whole
-- network) see the figures of whole calendar quarters only, and each quarter is published
-- once: the figures printed to them, after complementary suppression over every organisation
-- together (libertas_analytics::disclosure::ProtectedTable), are kept here and shown from here
-- ever after. Recomputing them as late entries arrive would let a reader subtract two
-- versions of the same quarter and single out what changed in between.
--
-- `figures` is a JSON object, figure key -> printed number, or null where hidden: only what
-- may be printed is stored, never a hidden value. `org_id` is '' for the network-wide figures
-- (no foreign key, for that reason). Counts of codes and dates only: no personal data.
create table stats_releases (
    id text primary key,
    view text not null,                     -- which view: 'indicators'
    period_from text not null,              -- YYYY-MM-DD, first day of the quarter
    period_to text not null,                -- YYYY-MM-DD, last day of the quarter
    org_id text not null,                   -- the organisation, or '' for the network
    published_at text not null,
    figures text not null,
    constraint stats_releases_view_key unique (view, period_from, org_id)
);
