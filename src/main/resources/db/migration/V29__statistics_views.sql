-- The figures of each statistics view read lately, kept in PostgreSQL (issue 13): the first view of the day of a busy
-- territory's year aggregates a quarter of a million events (1 to 2 s on national data); kept here, it is read back
-- in milliseconds by any instance, after a restart, and computed again for the new day by a nightly job
-- (statistics.StatisticsViews) before anyone asks. A view never read before is still computed when asked.

create table statistics_view (
    -- The scope, the period (a preset, or the days of a custom range), the trend, the breakdown and the filters.
    view_key         text        primary key,
    departement_code varchar(3),
    organisation_id  bigint,
    period_choice    varchar(10) not null check (period_choice in ('MONTH', 'QUARTER', 'YEAR', 'CUSTOM')),
    period_from      date        not null,
    period_to        date        not null,
    trend            varchar(5)  not null check (trend in ('WEEK', 'MONTH')),
    breakdown        varchar(20) not null,
    need             varchar(30),
    purpose          varchar(20),
    -- The day the figures were computed for: a preset's days end that day.
    computed_for     date        not null,
    -- The refresh of statistics_event they were computed from (the page's "Chiffres calculés le …").
    refreshed_at     timestamptz,
    -- Aggregates only (counts, families counted, delays), never a name of a family: StatisticsService's figures.
    figures          jsonb       not null,
    last_read_at     timestamptz not null,
    constraint statistics_view_one_scope check ((departement_code is null) <> (organisation_id is null))
);
-- The nightly job computes again the views read lately, the most recently read first.
create index statistics_view_read_idx on statistics_view (last_read_at);
