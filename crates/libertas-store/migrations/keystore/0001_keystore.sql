-- 0001: the key store. Lives apart from the main database (its own SQLite file, or the
-- libertas_keys schema on PostgreSQL) and is never part of a database backup, so destroying a
-- row here makes that owner's data unreadable in every backup too (crypto-shredding).
-- The same SQL serves both backends; `wrapped` and `value` are blob on SQLite, and this file is
-- rewritten to bytea for PostgreSQL by the migration runner.

create table data_keys (
    owner_kind text not null,       -- person | case
    owner_id text not null,
    version bigint not null,
    wrapped blob not null,          -- the data key sealed under the master-derived wrap key
    created_at text not null,
    primary key (owner_kind, owner_id, version)
);

-- Owners whose keys were destroyed, so that a restored database backup can be re-shredded.
-- Holds ids and times only.
create table erasures (
    owner_id text primary key,
    owner_kind text not null,
    erased_at text not null
);

create table keystore_meta (
    key text primary key,
    value blob not null
);
