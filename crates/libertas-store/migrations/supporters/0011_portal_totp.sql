-- Supporter migration 11: a donor may add a second factor to the portal's sign-in (issue 13,
-- "they sign in to the portal with an e-mailed one-time link ... and may add TOTP").
--
-- The secret is sealed under the supporter's own data key (so erasure shreds it); the last
-- accepted time step is kept so that a code is accepted once.
create table portal_totp (
    supporter_id text primary key references supporters (id),
    secret blob not null,
    enrolled_at text not null,
    last_step bigint not null
);

-- A session started by a link whose supporter has a second factor opens nothing until a code
-- is given (second_factor_due = 1); wrong codes are counted and end the session at five.
-- During enrolment the drawn secret waits on the session, sealed like the one above.
alter table portal_sessions add column second_factor_due integer not null default 0;
alter table portal_sessions add column failed_codes integer not null default 0;
alter table portal_sessions add column pending_totp blob;
