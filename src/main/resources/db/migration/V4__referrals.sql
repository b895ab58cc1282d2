-- Referrals (orientations): filed by an advisor's organisation for a family, checked by the Caf of the family's
-- département. Personal data stays in these tables; URLs carry only ids.
create extension if not exists pg_trgm;

create table referral (
    id                       bigint generated always as identity primary key,
    organisation_id          bigint       not null references organisation (id),
    created_by               bigint       not null references user_account (id),
    -- A random token per new-referral form: the same form posted twice files once.
    creation_token           uuid         not null unique,
    status                   varchar(30)  not null
        check (status in ('DRAFT', 'SUBMITTED', 'INFORMATION_REQUESTED', 'ELIGIBLE', 'INELIGIBLE', 'WITHDRAWN')),
    -- The parent
    parent_last_name         text,
    parent_first_name        text,
    parent_search_name       text         not null default '',
    france_travail_id        varchar(11) check (france_travail_id ~ '^(\d{7}[A-Z0-9]|\d{11})$'),
    job_seeker_attested      boolean      not null default false,
    caf_number               varchar(7) check (caf_number ~ '^\d{7}$'),
    phone                    varchar(12) check (phone ~ '^\+33[1-9]\d{8}$'),
    email                    text,
    commune_code             varchar(5) references commune (insee_code),
    -- Copied from the commune: the officer's queue is scoped and indexed by it.
    departement_code         varchar(3) references departement (code),
    single_parent            boolean,
    rsa_recipient            boolean,
    qpv_resident             boolean,
    -- The purpose
    purpose                  varchar(20) check (purpose in ('JOB_INTERVIEW', 'TRAINING', 'JOB')),
    purpose_date             date,
    purpose_organisation     text,
    purpose_commune_code     varchar(5) references commune (insee_code),
    -- The need
    need                     varchar(30) check (need in ('EMERGENCY_HOME_CARE', 'OCCASIONAL', 'REGULAR')),
    emergency                boolean generated always as (need = 'EMERGENCY_HOME_CARE') stored,
    first_day                date,
    first_day_start_time     time,
    last_day                 date,
    -- Days of the week for regular care, as a bit set: Monday = 1, Tuesday = 2, … Sunday = 64.
    regular_days             smallint     not null default 0 check (regular_days between 0 and 127),
    regular_start_time       time,
    regular_end_time         time,
    -- Consent to share the data with the Caf and providers
    consent_given_on         date,
    consent_collected_by     bigint references user_account (id),
    submitted_at             timestamptz,
    last_transition_at       timestamptz  not null,
    created_at               timestamptz  not null default now(),
    version                  bigint       not null default 0,
    check (last_day is null or first_day is null or last_day >= first_day),
    check (regular_end_time is null or regular_start_time is null or regular_end_time > regular_start_time),
    -- Nothing leaves the draft without consent and the data the Caf needs.
    check (status = 'DRAFT' or (consent_given_on is not null and consent_collected_by is not null
        and parent_last_name is not null and parent_first_name is not null and france_travail_id is not null
        and phone is not null and commune_code is not null and purpose is not null and need is not null
        and first_day is not null and submitted_at is not null))
);
-- "Mes orientations": scoped by organisation, filtered by status, purpose, need and dates, sorted by date.
create index referral_organisation_created_idx on referral (organisation_id, created_at desc);
create index referral_organisation_status_idx on referral (organisation_id, status, created_at desc);
create index referral_organisation_first_day_idx on referral (organisation_id, first_day);
create index referral_organisation_purpose_idx on referral (organisation_id, purpose);
create index referral_organisation_need_idx on referral (organisation_id, need);
create index referral_organisation_transition_idx on referral (organisation_id, last_transition_at);
create index referral_parent_search_idx on referral using gin (parent_search_name gin_trgm_ops);
create index referral_france_travail_id_idx on referral (france_travail_id);
-- The Caf officer's queue: the territory's submitted referrals, emergencies first, then oldest first.
create index referral_queue_idx on referral (departement_code, status, emergency desc, submitted_at);

create table referral_child (
    id          bigint generated always as identity primary key,
    referral_id bigint   not null references referral (id) on delete cascade,
    position    smallint not null check (position between 1 and 6),
    first_name  text     not null check (length(trim(first_name)) > 0),
    birth_date  date     not null,
    unique (referral_id, position)
);
-- Duplicate detection: the same child (first name, birth date) in another open referral.
create index referral_child_identity_idx on referral_child (birth_date, lower(first_name));

-- The timeline: one row per transition, written in the same transaction, never changed afterwards.
create table referral_transition (
    id          bigint generated always as identity primary key,
    referral_id bigint      not null references referral (id),
    from_status varchar(30),
    to_status   varchar(30) not null,
    actor_id    bigint      not null references user_account (id),
    occurred_at timestamptz not null,
    comment     text
);
create index referral_transition_referral_idx on referral_transition (referral_id, occurred_at, id);

create function forbid_change() returns trigger language plpgsql as $$
begin
    raise exception '% rows are append-only', tg_table_name using errcode = 'restrict_violation';
end;
$$;
create trigger referral_transition_append_only
    before update or delete on referral_transition
    for each row execute function forbid_change();
create trigger referral_transition_no_truncate
    before truncate on referral_transition
    for each statement execute function forbid_change();

-- The officer's decisions on eligibility, with the rule results and parameters of that moment.
create table eligibility_decision (
    id              bigint generated always as identity primary key,
    referral_id     bigint      not null references referral (id),
    decided_by      bigint      not null references user_account (id),
    decided_at      timestamptz not null,
    outcome         varchar(30) not null check (outcome in ('ELIGIBLE', 'INELIGIBLE', 'INFORMATION_REQUESTED')),
    reason          varchar(30) check (reason in ('CHILD_TOO_OLD', 'NOT_A_JOB_SEEKER', 'PURPOSE_NOT_COVERED',
                                                  'OUTSIDE_TERRITORY', 'DATES_PASSED', 'DUPLICATE', 'OTHER')),
    comment         text,
    justification   text,
    rule_results    jsonb       not null,
    parameters      jsonb       not null,
    check ((outcome = 'INELIGIBLE') = (reason is not null)),
    check (outcome <> 'INFORMATION_REQUESTED' or comment is not null)
);
create index eligibility_decision_referral_idx on eligibility_decision (referral_id, decided_at);
create trigger eligibility_decision_append_only
    before update or delete on eligibility_decision
    for each row execute function forbid_change();
