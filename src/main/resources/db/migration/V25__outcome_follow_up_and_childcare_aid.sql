-- Issue 20: follow-up of outcomes at one and six months, and France Travail's childcare aid (AGE).

-- One row per referral and milestone, created by the follow-up job when it falls due (the unique key makes each
-- follow-up created, and so notified, once whatever the number of instances); the advisor answers it once.
create table outcome_follow_up (
    id              bigserial    primary key,
    referral_id     bigint       not null references referral (id),
    organisation_id bigint       not null references organisation (id),
    milestone       varchar(12)  not null check (milestone in ('ONE_MONTH', 'SIX_MONTHS')),
    due_on          date         not null,
    created_at      timestamptz  not null,
    answer          varchar(12)  check (answer in ('CONTINUING', 'ENDED_EARLY', 'UNKNOWN')),
    end_reason      varchar(30)  check (end_reason in ('TRIAL_PERIOD', 'CONTRACT_ENDED', 'RESIGNED', 'CHILDCARE',
                                                        'HEALTH', 'MOBILITY', 'OTHER')),
    comment         varchar(2000),
    answered_at     timestamptz,
    answered_by     bigint       references user_account (id),
    version         bigint       not null default 0,
    constraint outcome_follow_up_once unique (referral_id, milestone),
    check ((answer = 'ENDED_EARLY') = (end_reason is not null)),
    check ((answer is null) = (answered_at is null))
);
-- The advisor's home: the follow-ups of the organisation still to answer.
create index outcome_follow_up_pending_idx on outcome_follow_up (organisation_id, due_on, id) where answer is null;

-- The follow-up job's scan: closed referrals whose job or training started, by closing time.
create index referral_started_activity_idx on referral (closed_at, id)
    where status = 'CLOSED' and outcome in ('JOB_STARTED', 'TRAINING_STARTED');

-- What the advisor recorded about France Travail's childcare aid: requested (on a day) or not (a reason).
create table childcare_aid_record (
    referral_id     bigint       primary key references referral (id),
    organisation_id bigint       not null references organisation (id),
    requested       boolean      not null,
    requested_on    date,
    reason          varchar(30)  check (reason in ('FAMILY_DECLINED', 'NOT_ELIGIBLE', 'ALREADY_RECEIVED',
                                                    'DEADLINE_PASSED', 'OTHER')),
    comment         varchar(2000),
    recorded_by     bigint       not null references user_account (id),
    recorded_at     timestamptz  not null,
    version         bigint       not null default 0,
    check (requested = (requested_on is not null)),
    check (requested = (reason is null))
);
-- The statistics' families who may qualify: care arranged (or closed after it) for a job or a training, by first day.
create index referral_childcare_aid_idx on referral (first_day, id)
    where status in ('CARE_ARRANGED', 'CLOSED') and purpose in ('JOB', 'TRAINING');
create index childcare_aid_record_organisation_idx on childcare_aid_record (organisation_id);
