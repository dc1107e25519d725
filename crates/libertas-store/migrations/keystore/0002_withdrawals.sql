-- 0002: the withdrawal journal. Every withdrawal of access or consent (a revoked token, a
-- disabled user, a removed case member, a changed role, password or second factor, a used
-- recovery code, a withdrawn consent, a revoked or rejected referral, a deactivated partner)
-- is written here BEFORE the main database changes, so that a crash between the two errs on
-- the side of less access. The key store is never part of a database backup, so when an older
-- database backup is restored, `restore` re-applies these entries (as it re-applies erasures)
-- and the withdrawn access does not come back. A few entries record a re-grant (a member added
-- again, a partner reactivated, a new TOTP enrolment) only so that an earlier withdrawal of the
-- same thing is not re-applied over it; re-grants themselves are never applied.
--
-- Holds ids, codes, times and digests only; the one secret, a new password hash, is sealed
-- under the accounts key, and a referral's status reason is kept as it is stored (sealed under
-- the person's key). Shared by both backends (`blob` becomes `bytea` on PostgreSQL).
create table withdrawals (
    id text primary key,            -- UUIDv7
    at text not null,               -- UTC time it was journaled; entries replay in (at, id) order
    kind text not null,             -- token.revoke | user.disable | case.member.remove | ...
    object_id text not null,        -- the token, user, case, consent, referral or partner
    subject_id text,                -- the user removed from a case; the person of a consent
    value text,                     -- a role, a status, a digest, a consent record (JSON)
    secret blob null                -- sealed: the new password hash; a referral's status reason
);
create index withdrawals_order on withdrawals (at, id);
