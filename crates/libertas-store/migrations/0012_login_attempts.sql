-- Failed sign-in attempts per account and client (issue 9, finding 4).
--
-- Before, one counter per account (`users.failed_logins`, `users.locked_until`) was read,
-- checked and bumped in separate steps: 40 concurrent guesses got 27 verifications where 5
-- were allowed, and anyone could lock any colleague out by typing wrong passwords. Now an
-- attempt is reserved here, in one conditional update, before the password or code is
-- verified, and the lock belongs to one (account, client) pair, so a stranger's guesses lock
-- out the stranger only. `client` is a keyed hash of the client's address (HMAC under a key
-- derived from the master key, so every web node computes the same value); the address itself
-- is never stored. The per-account `users.failed_logins` stays as the count across all
-- clients that raises `alert.login_guessing` for the organisation's administrators; it no
-- longer locks anyone, and `users.locked_until` is no longer used.
--
-- Transient like `sessions`: not in backups.

create table login_attempts (
    user_id text not null references users (id),
    client text not null,
    failures bigint not null default 0,  -- attempts since the last success, in-flight ones included
    locked_until text,                   -- no attempt before this time (UTC text), if set
    updated_at text not null,
    constraint login_attempts_pkey primary key (user_id, client)
);
create index login_attempts_updated_at on login_attempts (updated_at);
