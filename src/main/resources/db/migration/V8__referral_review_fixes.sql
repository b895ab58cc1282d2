-- Fixes from the review of referrals and eligibility.

-- A draft may be withdrawn before it was ever sent: it then has no submission date and may be incomplete. V4's
-- check (unnamed) required both of any status but DRAFT; it is replaced by a named one.
do $$
declare
    name text;
begin
    select c.conname into strict name
    from pg_constraint c
    where c.conrelid = 'referral'::regclass and c.contype = 'c'
      and pg_get_constraintdef(c.oid) like '%consent_given_on%';
    execute format('alter table referral drop constraint %I', name);
end;
$$;
alter table referral add constraint referral_complete_when_sent check (
    status = 'DRAFT'
    or (status = 'WITHDRAWN' and submitted_at is null)
    or (consent_given_on is not null and consent_collected_by is not null
        and parent_last_name is not null and parent_first_name is not null and france_travail_id is not null
        and phone is not null and commune_code is not null and purpose is not null and need is not null
        and first_day is not null and submitted_at is not null));

-- Regular care is sent with its days, hours and last day, as the form and Referral.isComplete() require. A draft
-- withdrawn before it was sent may lack them.
alter table referral add constraint referral_regular_schedule_when_sent check (
    status = 'DRAFT' or submitted_at is null or need <> 'REGULAR'
    or (regular_days > 0 and regular_start_time is not null and regular_end_time is not null
        and last_day is not null));

-- Foreign keys read by joins and look-ups, without an index until now: who filed a referral, who made a move or a
-- decision (pages and the deletion checks of user accounts), and the referrals of a commune.
create index referral_created_by_idx on referral (created_by);
create index referral_commune_idx on referral (commune_code);
create index referral_transition_actor_idx on referral_transition (actor_id);
create index eligibility_decision_decided_by_idx on eligibility_decision (decided_by);

-- The decisions are append-only, like the timeline: not even emptied at once.
create trigger eligibility_decision_no_truncate
    before truncate on eligibility_decision
    for each statement execute function forbid_change();

-- The timeline only names statuses of the state machine (ReferralStatus).
alter table referral_transition
    add constraint referral_transition_from_status_check check (from_status in
        ('DRAFT', 'SUBMITTED', 'INFORMATION_REQUESTED', 'ELIGIBLE', 'INELIGIBLE', 'WITHDRAWN')),
    add constraint referral_transition_to_status_check check (to_status in
        ('DRAFT', 'SUBMITTED', 'INFORMATION_REQUESTED', 'ELIGIBLE', 'INELIGIBLE', 'WITHDRAWN'));
