-- Erasure of a supporter on request (crypto-shredding, docs/supporters.md "Erasure"): their
-- data key is destroyed in the key store, their consents, links and queued messages are
-- deleted, and their row stays as a tombstone: status 'erased', the time below, the id and
-- organisation, every personal or linking column blanked (the address's blind index and the
-- unsubscribe hash replaced by a value no key produces). Counts, and later gifts, keep their
-- amounts without the person; the address can sign up again as a new supporter.
alter table supporters add column erased_at text;
