-- Routing and provider offers: an eligible referral is offered to one provider at a time, who accepts (a place is
-- held for the care period) or declines; unanswered offers expire at their deadline; the advisor records the outcome.

-- The state machine grows (ReferralStatus): offered, care arranged, closed, no solution.
alter table referral drop constraint referral_status_check;
alter table referral add constraint referral_status_check check (status in
    ('DRAFT', 'SUBMITTED', 'INFORMATION_REQUESTED', 'ELIGIBLE', 'INELIGIBLE', 'WITHDRAWN',
     'OFFERED', 'CARE_ARRANGED', 'CLOSED', 'NO_SOLUTION'));
alter table referral_transition
    drop constraint referral_transition_from_status_check,
    drop constraint referral_transition_to_status_check;
alter table referral_transition
    add constraint referral_transition_from_status_check check (from_status in
        ('DRAFT', 'SUBMITTED', 'INFORMATION_REQUESTED', 'ELIGIBLE', 'INELIGIBLE', 'WITHDRAWN',
         'OFFERED', 'CARE_ARRANGED', 'CLOSED', 'NO_SOLUTION')),
    add constraint referral_transition_to_status_check check (to_status in
        ('DRAFT', 'SUBMITTED', 'INFORMATION_REQUESTED', 'ELIGIBLE', 'INELIGIBLE', 'WITHDRAWN',
         'OFFERED', 'CARE_ARRANGED', 'CLOSED', 'NO_SOLUTION'));

-- The expiry job moves a referral without anyone acting: its timeline rows have no actor (shown as "the system").
-- Every other move names its actor (checked by Referral; a row is still never changed nor deleted).
alter table referral_transition alter column actor_id drop not null;

-- The routing queue: when the referral (re)entered it, and whether it came back after a decline or an expiry (those
-- come first: the family has already waited for one answer).
alter table referral add column routing_queued_at timestamptz;
alter table referral add column routing_returned boolean not null default false;
-- The outcome the advisor records after the care, which closes the referral.
alter table referral add column outcome varchar(30)
    check (outcome in ('INTERVIEW_ATTENDED', 'TRAINING_STARTED', 'JOB_STARTED', 'DID_NOT_ATTEND', 'OTHER'));
alter table referral add column outcome_comment text;
alter table referral add column closed_at timestamptz;
-- Unmet demand is counted, not hidden: why no provider could be found.
alter table referral add column no_solution_reason varchar(30)
    check (no_solution_reason in ('NO_PROVIDER_IN_AREA', 'ALL_DECLINED', 'NO_CAPACITY', 'OTHER'));
alter table referral add column no_solution_comment text;

-- Referrals already eligible enter the routing queue when they became eligible.
update referral r set routing_queued_at = r.last_transition_at where r.status = 'ELIGIBLE';

alter table referral add constraint referral_routing_queued_when_eligible
    check (status <> 'ELIGIBLE' or routing_queued_at is not null);
alter table referral add constraint referral_outcome_when_closed
    check ((status = 'CLOSED') = (outcome is not null and closed_at is not null)
           and (outcome_comment is null or outcome is not null)
           and (outcome is distinct from 'OTHER' or outcome_comment is not null));
alter table referral add constraint referral_reason_when_no_solution
    check ((status = 'NO_SOLUTION') = (no_solution_reason is not null)
           and (no_solution_comment is null or no_solution_reason is not null)
           and (no_solution_reason is distinct from 'OTHER' or no_solution_comment is not null));

-- The officer's routing queue: the territory's eligible referrals, returned ones first, emergencies next, oldest first.
create index referral_routing_queue_idx
    on referral (departement_code, routing_returned desc, emergency desc, routing_queued_at, id)
    where status = 'ELIGIBLE';
-- "Care arranged this week": the territory's arranged care by its first day.
create index referral_care_arranged_idx on referral (departement_code, first_day) where status = 'CARE_ARRANGED';

-- Offers (propositions): one provider is asked to take the family's care, and answers before the deadline.
create table offer (
    id                       bigint generated always as identity primary key,
    referral_id              bigint       not null references referral (id),
    provider_kind            varchar(20)  not null check (provider_kind in ('HOME_CARE', 'CHILDMINDER', 'CRECHE')),
    -- home_care_service.id, childminder.id or creche.id, by provider_kind.
    provider_id              bigint       not null,
    -- The provider's organisation: what every provider-side read is scoped by.
    provider_organisation_id bigint       not null references organisation (id),
    message                  text,
    sent_at                  timestamptz  not null,
    sent_by                  bigint       not null references user_account (id),
    deadline_at              timestamptz  not null,
    status                   varchar(20)  not null
        check (status in ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'CANCELLED')),
    -- The provider's answer (accepted or declined), never after the deadline.
    answered_at              timestamptz,
    answered_by              bigint references user_account (id),
    decline_reason           varchar(30) check (decline_reason in ('NO_CAPACITY', 'DATES_UNAVAILABLE',
        'HOURS_UNSUITABLE', 'AGE_NOT_ACCEPTED', 'TOO_FAR', 'OTHER')),
    decline_comment          text,
    -- When the offer expired unanswered, or was cancelled because the referral was withdrawn.
    ended_at                 timestamptz,
    version                  bigint       not null default 0,
    constraint offer_deadline_after_sending check (deadline_at > sent_at),
    constraint offer_answered_when_answered check (
        (status in ('ACCEPTED', 'DECLINED')) = (answered_at is not null and answered_by is not null)
        and (answered_at is null or answered_at <= deadline_at)),
    constraint offer_ended_when_ended check ((status in ('EXPIRED', 'CANCELLED')) = (ended_at is not null)),
    constraint offer_reason_when_declined check (
        (status = 'DECLINED') = (decline_reason is not null)
        and (decline_comment is null or decline_reason is not null)
        and (decline_reason is distinct from 'OTHER' or decline_comment is not null))
);
-- A referral waits for one provider's answer at a time, and is arranged with at most one.
create unique index offer_one_live_per_referral_uk on offer (referral_id) where status in ('PENDING', 'ACCEPTED');
-- A provider's offers by status, nearest deadline first.
create index offer_provider_queue_idx on offer (provider_organisation_id, status, deadline_at);
-- The expiry job and the overdue count: pending offers by deadline.
create index offer_pending_deadline_idx on offer (deadline_at) where status = 'PENDING';
-- A referral's offers (history, providers who declined it).
create index offer_referral_idx on offer (referral_id, sent_at);
create index offer_sent_by_idx on offer (sent_by);
create index offer_answered_by_idx on offer (answered_by);

-- Places held by accepted offers for the care period: counted against a childminder's AVIP places or a crèche's
-- emergency places. A hold stops counting after its last day, or once released (withdrawal, closing).
create table place_hold (
    id            bigint generated always as identity primary key,
    offer_id      bigint      not null unique references offer (id),
    provider_kind varchar(20) not null check (provider_kind in ('CHILDMINDER', 'CRECHE')),
    provider_id   bigint      not null,
    first_day     date        not null,
    last_day      date        not null,
    -- One place per child.
    places        smallint    not null check (places between 1 and 6),
    held_at       timestamptz not null,
    released_at   timestamptz,
    check (last_day >= first_day)
);
-- Capacity: a provider's unreleased holds overlapping a period.
create index place_hold_provider_idx on place_hold (provider_kind, provider_id, last_day) where released_at is null;
