-- Supporter migration 10: the donor portal's giving and second factor (issue 13, "Donor
-- portal and giving").
--
-- A regular gift the donor cancels in the portal is recorded as cancelled by the donor with
-- no staff user; the supporter staff see it under "cancelled by donors" until one of them
-- marks it seen. Nothing personal: a time and a staff user id.
alter table regular_gifts add column donor_notice_seen_at text;
alter table regular_gifts add column donor_notice_seen_by text;
