-- A test send has no supporter: SQLite cannot drop a not-null constraint, so the outbox is
-- rebuilt with the same columns in the same order (PostgreSQL alters the column).
create table outbox_rebuilt (
    id text primary key,
    supporter_id text references supporters (id),
    org_id text not null,
    kind text not null,
    domain_index text not null,
    message blob not null,
    key_version bigint not null,
    status text not null,
    attempts bigint not null,
    next_attempt_at text not null,
    last_error text,
    created_at text not null,
    sent_at text,
    update_id text references updates (id)
);
insert into outbox_rebuilt (id, supporter_id, org_id, kind, domain_index, message, key_version,
    status, attempts, next_attempt_at, last_error, created_at, sent_at, update_id)
select id, supporter_id, org_id, kind, domain_index, message, key_version, status, attempts,
    next_attempt_at, last_error, created_at, sent_at, update_id
from outbox;
drop table outbox;
alter table outbox_rebuilt rename to outbox;
create index outbox_due on outbox (status, next_attempt_at);
create index outbox_org on outbox (org_id, status);
create unique index outbox_update_supporter_key on outbox (update_id, supporter_id);
