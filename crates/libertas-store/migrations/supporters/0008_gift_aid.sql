-- Supporter migration 8: UK Gift Aid (docs/supporters.md, "Gift Aid").
--
-- A declaration lets the charity claim back the basic-rate tax on a donor's gifts. The
-- donor's name and home address as the declaration gives them (title, first and last name,
-- house name or number, postcode) are personal: they are kept in one sealed value under the
-- supporter's own data key, like the supporter's name and address, so erasing the supporter
-- makes them unreadable (and erasure blanks and cancels the row as well). Everything else
-- is codes and dates.
create table gift_aid_declarations (
    id text primary key,
    -- No foreign key: the organisations table is on the case side.
    org_id text not null,
    supporter_id text not null references supporters (id),
    -- Sealed JSON {title, first_name, last_name, house, postcode} (field "donor" of this row).
    donor blob not null,
    -- uk, or overseas (no postcode: never claimed on).
    address text not null,
    -- yes: the donor confirmed they are a UK taxpayer (the form's tick box).
    taxpayer_confirmed text not null,
    -- this_gift (the gift named below only) or all_gifts (this one, the past 4 years and the
    -- future).
    scope text not null,
    gift_id text references gifts (id),
    -- HMRC's model wording as the donor saw it, and its version (not personal).
    wording text not null,
    wording_version text not null,
    -- The day the declaration was made (YYYY-MM-DD).
    made_on text not null,
    -- portal, written, oral.
    method text not null,
    -- Oral declarations: the day the written confirmation was sent to the donor. Until it is
    -- set no gift counts.
    confirmed_on text,
    -- staff, portal.
    created_by text not null,
    -- The staff account that recorded it (staff only).
    created_by_user text,
    created_at text not null,
    -- The day from which it no longer covers gifts.
    cancelled_on text,
    -- donor (in the portal, or told to staff), staff, erasure.
    cancelled_by text,
    cancelled_by_user text
);
create index gift_aid_declarations_supporter on gift_aid_declarations (supporter_id, made_on);

-- A claim submitted to HMRC: the schedule of eligible gifts received between two dates,
-- marked as submitted by the fundraising manager. Nothing personal.
create table gift_aid_claims (
    id text primary key,
    org_id text not null,
    -- The charity's own reference of the claim (HMRC's, or a note), as typed.
    reference text not null,
    submitted_on text not null,
    from_date text not null,
    to_date text not null,
    gifts bigint not null,
    total_minor bigint not null,
    gift_aid_minor bigint not null,
    created_by_user text not null,
    created_at text not null
);
create index gift_aid_claims_org on gift_aid_claims (org_id, submitted_on);

-- Each gift claimed, once: the primary key refuses a second claim of the same gift.
create table gift_aid_claimed (
    gift_id text primary key references gifts (id),
    claim_id text not null references gift_aid_claims (id),
    declaration_id text not null references gift_aid_declarations (id),
    gift_aid_minor bigint not null
);
create index gift_aid_claimed_claim on gift_aid_claimed (claim_id);
