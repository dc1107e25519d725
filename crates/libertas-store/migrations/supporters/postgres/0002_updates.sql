-- A test send has no supporter.
alter table outbox alter column supporter_id drop not null;
create unique index outbox_update_supporter_key on outbox (update_id, supporter_id);
