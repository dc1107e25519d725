-- Addresses no message may go to: hard bounces and complaints reported back by the mail
-- provider (`libertas supporters suppress`, an import of the provider's report). Kept by the
-- address's blind index (Keyring::supporter_index), not by supporter, so a suppression also
-- holds for an address that signs up again: a complaint is never answered with more mail.
create table suppressions (
    email_index text primary key,
    reason text not null,          -- hard_bounce | complaint
    source text not null,          -- import
    created_at text not null
);

-- The provider's event ids already applied: importing the same report again changes nothing.
create table suppression_events (
    event_id text primary key,
    created_at text not null
);
