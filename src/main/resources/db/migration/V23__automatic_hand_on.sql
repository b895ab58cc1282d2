-- Automatic hand-on (issue 20): when an offer expires or is declined, the referral can be offered at once to the next
-- ranked candidate instead of waiting in the officer's queue.

-- An offer handed on automatically has no officer who sent it: it records its hop in the chain (1 for the first
-- automatic offer after a manual one) and the offer it follows.
alter table offer alter column sent_by drop not null;
alter table offer add column hand_on_hop integer check (hand_on_hop between 1 and 20);
alter table offer add column previous_offer_id bigint references offer (id);
alter table offer add constraint offer_sent_by_officer_or_handed_on
    check ((sent_by is null) = (hand_on_hop is not null));
alter table offer add constraint offer_hop_follows_an_offer
    check ((hand_on_hop is null) = (previous_offer_id is null));
-- Each ended offer is handed on once, whatever the number of instances or of concurrent runs.
create unique index offer_handed_on_once_uk on offer (previous_offer_id) where previous_offer_id is not null;

-- A Caf's choice per need; without a row, passerelle.routing.hand-on.* decides.
create table hand_on_setting (
    id               bigint generated always as identity primary key,
    departement_code varchar(3)  not null references departement (code),
    need             varchar(30) not null check (need in ('EMERGENCY_HOME_CARE', 'OCCASIONAL', 'REGULAR')),
    automatic        boolean     not null,
    max_hops         smallint    not null check (max_hops between 1 and 20),
    updated_at       timestamptz not null,
    updated_by       bigint      not null references user_account (id),
    version          bigint      not null default 0,
    constraint hand_on_setting_one_per_need_uk unique (departement_code, need)
);

-- A referral's chain: stopped by an officer, and why it last came back to the routing queue instead of being handed
-- on. One row per referral that has one.
create table hand_on_chain (
    referral_id   bigint primary key references referral (id) on delete cascade,
    stopped_at    timestamptz,
    stopped_by    bigint references user_account (id),
    -- Why the last ended offer was not handed on.
    return_reason varchar(20) check (return_reason in ('NO_CANDIDATE', 'HOP_LIMIT', 'STOPPED')),
    returned_at   timestamptz,
    version       bigint      not null default 0,
    constraint hand_on_chain_stopped_by_whom check ((stopped_at is null) = (stopped_by is null)),
    constraint hand_on_chain_reason_when check ((return_reason is null) = (returned_at is null))
);
