-- Supporter migration 7: the donor portal's sign-in (issue 13, "Donor portal and giving").
--
-- A supporter signs in to /portal with a link e-mailed to their address. The link is single
-- use, lives 15 minutes and works only in the browser that asked for it: the row keeps a
-- keyed hash of that browser's binding cookie, never the cookie. Nothing here is personal
-- beyond the supporter's id; the tokens are kept as keyed hashes (Keyring::supporter_token_hash).
create table portal_links (
    token_hash text primary key,
    supporter_id text not null references supporters (id),
    browser_hash text not null,
    created_at text not null,
    expires_at text not null,
    used_at text
);
create index portal_links_supporter on portal_links (supporter_id, created_at);

-- Portal sessions, apart from the staff's `sessions` (which are on the case side): the keyed
-- hash of the session cookie, whose supporter it is, and its idle and absolute limits.
create table portal_sessions (
    token_hash text primary key,
    supporter_id text not null references supporters (id),
    created_at text not null,
    last_seen_at text not null
);
create index portal_sessions_supporter on portal_sessions (supporter_id);
