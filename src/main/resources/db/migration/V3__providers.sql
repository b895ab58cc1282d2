-- The registry routing relies on: childminders and their AVIP labels, home-care services, AVIP crèches.
-- Each provider is an organisation (a childminder is a one-person organisation) so that users and scoping work alike.

create table childminder (
    id                 bigint generated always as identity primary key,
    organisation_id    bigint      not null unique references organisation (id),
    first_name         text        not null,
    last_name          text        not null,
    agreement_number   varchar(30) not null unique,
    agreement_end_date date        not null,
    -- CASF L421-4: at most four children at a time, the number written in the agreement.
    children_allowed   smallint    not null check (children_allowed between 1 and 4),
    avip_places        smallint    not null check (avip_places >= 0 and avip_places <= children_allowed),
    min_age_months     smallint    not null default 0 check (min_age_months >= 0),
    max_age_months     smallint    not null default 132 check (max_age_months >= min_age_months),
    phone              varchar(20),
    email              text,
    availability_notes text,
    version            bigint      not null default 0
);
create index childminder_agreement_end_idx on childminder (agreement_end_date);

-- One row per grant of the label. Suspension and revocation are recorded on the row and, with every other
-- change, in avip_label_event; the status is computed from these dates.
create table avip_label (
    id                bigint generated always as identity primary key,
    childminder_id    bigint      not null references childminder (id),
    valid_from        date        not null,
    valid_to          date        not null,
    suspended_since   timestamptz,
    suspension_reason text,
    revoked_at        timestamptz,
    revocation_reason text,
    version           bigint      not null default 0,
    check (valid_to >= valid_from),
    check ((suspended_since is null) = (suspension_reason is null)),
    check ((revoked_at is null) = (revocation_reason is null))
);
create index avip_label_childminder_idx on avip_label (childminder_id, valid_to);
create index avip_label_valid_to_idx on avip_label (valid_to);

create table avip_label_event (
    id          bigint generated always as identity primary key,
    label_id    bigint      not null references avip_label (id),
    kind        varchar(20) not null check (kind in ('GRANTED', 'RENEWED', 'SUSPENDED', 'REINSTATED', 'REVOKED')),
    occurred_at timestamptz not null,
    actor_id    bigint references user_account (id),
    reason      text
);
create index avip_label_event_label_idx on avip_label_event (label_id, occurred_at);

create table home_care_service (
    id                   bigint generated always as identity primary key,
    organisation_id      bigint  not null unique references organisation (id),
    -- Code du travail L7232-1: caring for children under 3 at home needs the service's own agreement.
    under_three_approved boolean not null default false,
    phone                varchar(20),
    version              bigint  not null default 0
);

create table home_care_coverage (
    service_id   bigint     not null references home_care_service (id),
    commune_code varchar(5) not null references commune (insee_code),
    primary key (service_id, commune_code)
);
create index home_care_coverage_commune_idx on home_care_coverage (commune_code);

create table creche (
    id               bigint generated always as identity primary key,
    organisation_id  bigint   not null unique references organisation (id),
    total_places     smallint not null check (total_places > 0),
    emergency_places smallint not null check (emergency_places >= 0 and emergency_places <= total_places),
    min_age_months   smallint not null default 2 check (min_age_months >= 0),
    max_age_months   smallint not null default 36 check (max_age_months >= min_age_months),
    phone            varchar(20),
    version          bigint   not null default 0
);
