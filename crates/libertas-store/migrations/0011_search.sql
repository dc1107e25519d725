-- Search without plaintext (issue 4 item 14).
--
-- Names and birth dates are sealed in `persons`, so they cannot be searched with SQL. Instead
-- each person gets rows here holding keyed hashes (HMAC-SHA256 under the search key, derived
-- from the master key for this purpose alone) of normalised terms: every name token, the
-- phonetic key of every token, the birth date and the birth year. A query hashes its own terms
-- with the same key and matches on equality. Phone, e-mail and identity numbers stay in
-- `blind_index`. Erasure deletes a person's rows here as it does there.

create table search_index (
    person_id text not null references persons (id),
    org_id text not null references organisations (id),
    kind text not null,             -- name | name_phonetic | birth_date | birth_year
    digest text not null,           -- keyed HMAC of the normalised term
    primary key (org_id, kind, digest, person_id)
);
create index search_index_person on search_index (person_id);

-- Which version of the normal forms (libertas_domain::people::search::INDEX_VERSION) a
-- person's rows were built with; start-up re-indexes people with no row or an older version.
create table search_index_state (
    person_id text primary key references persons (id),
    version bigint not null,
    indexed_at text not null
);
