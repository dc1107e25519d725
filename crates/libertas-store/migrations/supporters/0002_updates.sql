-- Updates staff compose and send to confirmed supporters (docs/supporters.md, "Updates").
--
-- The texts (subject and Markdown body per language) and the region are sealed in `content`
-- under the update's own data key (key store owner kind `supporter-update`, wrapped under the
-- supporters' purpose key): not personal data about a supporter, but a story or an event
-- address may say more than it should, and the rest of this store is sealed too.
create table updates (
    id text primary key,
    -- No foreign key: the organisations table is on the case side.
    org_id text not null,
    -- draft, scheduled, sending (being queued for its audience), sent (all queued).
    status text not null,
    -- The interests it is for (codes, comma-separated in a fixed order).
    interests text not null,
    -- The languages it has texts in (codes, comma-separated): for the list, unsealed.
    languages text not null,
    content blob not null,
    key_version bigint not null,
    -- When it is to be sent (scheduled), or when sending was asked for.
    send_at text,
    created_by text not null,
    created_at text not null,
    updated_at text not null,
    -- Progress of the queueing, written with each batch in one transaction: the last
    -- supporter id looked at (batches go in id order, so a restart goes on from here), how
    -- many messages were queued and how many supporters were skipped for want of a text in
    -- their language.
    cursor text not null,
    recipients bigint not null,
    skipped bigint not null,
    finished_at text
);
create index updates_org on updates (org_id, created_at);
create index updates_due on updates (status, send_at);

-- The outbox learns updates: an update's message row names the update (its text is read from
-- there when sent; the row holds the recipient, sealed). A test send has no supporter: its
-- row is sealed under the update's key. At most one row per (update, supporter), so a retry
-- or a second click never sends twice.
alter table outbox add column update_id text references updates (id);
