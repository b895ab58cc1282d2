-- Several instances (issue 14). The users' sessions live in PostgreSQL (Spring Session JDBC) rather than in each
-- instance's memory, so that any instance serves any request and a restart logs nobody out. This is Spring Session's
-- own schema for PostgreSQL (schema-postgresql.sql of spring-session-jdbc 4.1), made here by Flyway: the application
-- never creates tables itself. Expired rows are deleted by the session-cleanup job (system.SessionCleanup).
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

-- The attributes, each serialised (the signed-in user, the CSRF token, flash messages, a pending CSV import...).
create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);

-- The metrics' gauge of referrals by status (referral.ReferralMetrics) counts them grouped by status once a minute
-- per instance: an index-only scan of this index, rather than reading the table's million rows.
create index referral_status_idx on referral (status);
