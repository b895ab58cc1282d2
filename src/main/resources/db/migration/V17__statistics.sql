-- Statistics and evaluation of the scheme (issue 13). The figures are aggregates of one narrow table of events,
-- derived from referrals, their timeline, decisions and offers by the refresh job (statistics.StatisticsRefresh):
-- live aggregates over the timeline of a busy département took seconds on national data, these take milliseconds.
-- The table holds no name, identifier or contact: only what the figures are computed from.

create table statistics_event (
    referral_id              bigint      not null,
    -- One event per referral and kind, but an offer and an information request are events of their own.
    offer_id                 bigint,
    kind                     varchar(30) not null check (kind in ('FILED', 'SENT', 'WITHDRAWN',
        'INFORMATION_REQUESTED', 'DECIDED', 'FIRST_OFFER', 'OFFER', 'ANSWER_DUE', 'CARE_ARRANGED', 'NO_SOLUTION', 'OUTCOME',
        'OUTCOME_DUE')),
    -- The day it happened, in the territory's time zone: the period and the trend buckets are days.
    occurred_on              date        not null,
    -- Scoping: the family's département (officers, administrators) and the prescriber (advisors).
    departement_code         varchar(3),
    organisation_id          bigint      not null,
    commune_code             varchar(5),
    epci_code                varchar(9),
    need                     varchar(30),
    purpose                  varchar(20),
    -- A hash of the family (parent's France Travail identifier, else name): small counts are counted in families.
    family_key               bigint      not null,
    provider_kind            varchar(20),
    provider_organisation_id bigint,
    -- Ineligibility reason, offer status, no-solution reason, outcome, 'ELIGIBLE', 'MISSING'…
    reason                   varchar(30),
    -- The decline reason of a declined offer.
    detail                   varchar(30),
    -- The delay this event ends, in hours (sent → decision, eligible → first offer, offer → answer, sent → care).
    hours                    double precision,
    -- The event counts in the numerator of its kind's rate: eligible, answered within 24 h, back to work, missing.
    hit                      boolean     not null default false
);
-- Every statistics page reads one territory's (or one prescriber's) events of a period.
create index statistics_event_departement_idx on statistics_event (departement_code, occurred_on);
create index statistics_event_organisation_idx on statistics_event (organisation_id, occurred_on);
-- The refresh replaces the events of the referrals that moved.
create index statistics_event_referral_idx on statistics_event (referral_id);

-- When the figures were last computed: shown on the page ("figures as of …").
create table statistics_refresh (
    id                smallint    primary key check (id = 1),
    refreshed_at      timestamptz not null,
    full_refreshed_at timestamptz not null
);

-- The AVIP places held in a period, per provider of the territory (released holds included).
create index place_hold_provider_period_idx on place_hold (provider_kind, provider_id, first_day);

-- The refresh job finds the referrals that moved since its last run.
create index referral_last_transition_idx on referral (last_transition_at);
