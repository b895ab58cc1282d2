-- Organisations: every user belongs to one, and every query is scoped through it.
create table organisation (
    id               bigint generated always as identity primary key,
    kind             varchar(30) not null
        check (kind in ('FRANCE_TRAVAIL_AGENCY', 'OTHER_PRESCRIBER', 'CAF', 'HOME_CARE_SERVICE',
                        'AVIP_CRECHE', 'CHILDMINDER', 'ADMINISTRATION')),
    name             text        not null check (length(trim(name)) > 0),
    departement_code varchar(3)  not null references departement (code),
    commune_code     varchar(5) references commune (insee_code),
    active           boolean     not null default true,
    version          bigint      not null default 0,
    created_at       timestamptz not null default now()
);
-- Two organisations of the same kind never share a name: it is how people tell them apart.
create unique index organisation_kind_name_uk on organisation (kind, lower(name));
create index organisation_departement_kind_idx on organisation (departement_code, kind);

create table user_account (
    id                       bigint generated always as identity primary key,
    username                 varchar(100) not null check (username = lower(username) and length(username) >= 3),
    password_hash            varchar(255) not null,
    display_name             text         not null check (length(trim(display_name)) > 0),
    role                     varchar(20)  not null check (role in ('ADVISOR', 'CAF_OFFICER', 'PROVIDER', 'ADMIN')),
    organisation_id          bigint       not null references organisation (id),
    enabled                  boolean      not null default true,
    password_change_required boolean      not null default false,
    version                  bigint       not null default 0,
    created_at               timestamptz  not null default now()
);
create unique index user_account_username_uk on user_account (username);
create index user_account_organisation_idx on user_account (organisation_id);

-- Failed logins per typed username, whether or not such an account exists, so that the lockout
-- message tells nothing about which accounts exist. The key is a SHA-256 of the lower-cased username:
-- people sometimes type a password into the username field, and it must not be stored.
create table login_throttle (
    username_hash   char(64)    primary key,
    failed_attempts integer     not null check (failed_attempts >= 0),
    last_failure_at timestamptz not null,
    locked_until    timestamptz
);
