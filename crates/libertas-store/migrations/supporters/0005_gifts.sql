-- Gifts: one-off and regular ("Freedom Partner") giving (docs/supporters.md, "Gifts").
--
-- A gift always names its donor, a row of `supporters`. A donor who never signed up for
-- updates is a supporter with status 'donor': no consent row, so no message is ever queued
-- for them (only 'subscribed' supporters are in an update's audience). Their name and
-- address are sealed under their own data key as for anyone else.
--
-- Nothing here is personal beyond the supporter id: amounts, currencies, dates, codes. The
-- provider's references are kept only as keyed hashes under the supporters' index key (a
-- bank reference may spell a name). Erasing the donor destroys their key and blanks their
-- row; these rows stay, with their amounts, for the accounts.

-- A standing promise to give: an amount every month, quarter or year until cancelled.
create table regular_gifts (
    id text primary key,
    -- No foreign key: the organisations table is on the case side.
    org_id text not null,
    supporter_id text not null references supporters (id),
    -- In the currency's minor unit (pence, cents), > 0.
    amount_minor bigint not null,
    -- ISO 4217 code.
    currency text not null,
    -- card, direct_debit, bank_transfer, standing_order, cash, cheque, other.
    method text not null,
    -- monthly, quarterly, annual.
    frequency text not null,
    start_date text not null,
    -- The next date a payment is expected (moves on with each gift that pays it).
    next_due text not null,
    -- active, cancelled.
    status text not null,
    -- Keyed hash of "<provider>\n<the provider's id of the subscription or mandate>", when
    -- one is known (a webhook's cancellation names it).
    provider_ref_index text,
    -- staff, import, webhook.
    created_by text not null,
    created_at text not null,
    cancelled_at text,
    -- staff, donor (the donor themself, told to staff or through the provider), provider,
    -- erasure (the donor was erased: nothing more is expected).
    cancelled_by text,
    -- The staff account that recorded the cancellation (staff only).
    cancelled_by_user text,
    constraint regular_gifts_provider_ref_index_key unique (provider_ref_index)
);
create index regular_gifts_supporter on regular_gifts (supporter_id, status);

-- Money received.
create table gifts (
    id text primary key,
    org_id text not null,
    supporter_id text not null references supporters (id),
    -- The regular gift this pays, if any.
    regular_gift_id text references regular_gifts (id),
    amount_minor bigint not null,
    currency text not null,
    method text not null,
    received_on text not null,
    -- Who reported it: a short code (the provider's name, or 'staff').
    provider text not null,
    -- Keyed hash of "<provider>\n<the provider's id of the payment>": the idempotency key of
    -- imports and the webhook. Staff-recorded gifts use their own id.
    provider_id_index text not null,
    -- staff, import, webhook.
    recorded_by text not null,
    -- The staff account that recorded it (staff only).
    recorded_by_user text,
    created_at text not null,
    constraint gifts_provider_id_index_key unique (provider_id_index)
);
create index gifts_supporter on gifts (supporter_id, received_on);
create index gifts_org on gifts (org_id, received_on);

-- The payment provider's webhook event ids already applied: a replay changes nothing.
create table payment_events (
    event_id text primary key,
    created_at text not null
);
