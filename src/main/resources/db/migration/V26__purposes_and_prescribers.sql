-- Issue 20, purposes and prescribers: the purposes of the full-employment law's engagement (workshop, immersion in a
-- company — PMSMP —, recruitment event), each Caf's choice of the purposes it offers and finds eligible, the
-- Département's RSA service and the Missions locales as prescribers, and how the parent is registered with France
-- Travail (since 1 January 2025 RSA recipients and young people followed by a Mission locale are registered
-- automatically).

alter table referral drop constraint referral_purpose_check;
alter table referral add constraint referral_purpose_check
    check (purpose in ('JOB_INTERVIEW', 'TRAINING', 'JOB', 'WORKSHOP', 'COMPANY_IMMERSION', 'RECRUITMENT_EVENT'));

-- Every referral filed before this version was filed for a registered job seeker: the default says so.
alter table referral add column registration varchar(30) not null default 'FRANCE_TRAVAIL_JOB_SEEKER'
    check (registration in ('FRANCE_TRAVAIL_JOB_SEEKER', 'RSA_RECIPIENT', 'MISSION_LOCALE_YOUTH'));

alter table organisation drop constraint organisation_kind_check;
alter table organisation add constraint organisation_kind_check
    check (kind in ('FRANCE_TRAVAIL_AGENCY', 'OTHER_PRESCRIBER', 'CAF', 'HOME_CARE_SERVICE',
                    'AVIP_CRECHE', 'CHILDMINDER', 'ADMINISTRATION', 'RELAIS_PETITE_ENFANCE',
                    'DEPARTEMENT_RSA_SERVICE', 'MISSION_LOCALE'));

-- A Caf's purposes, versioned by date: each change appends a row in force from valid_from, so that a referral is
-- decided with the settings in force when it was sent. Without a row, passerelle.eligibility.allowed-purposes
-- decides. The version counts the Caf's changes (1, 2, ...): two administrators saving at once from the same
-- version conflict on the unique key, and the second is told.
create table purpose_setting (
    id               bigint generated always as identity primary key,
    departement_code varchar(3)  not null references departement (code),
    version          bigint      not null check (version >= 1),
    offered          text[]      not null
        check (cardinality(offered) >= 1
               and offered <@ array['JOB_INTERVIEW', 'TRAINING', 'JOB', 'WORKSHOP', 'COMPANY_IMMERSION',
                                    'RECRUITMENT_EVENT']),
    eligible         text[]      not null
        check (eligible <@ array['JOB_INTERVIEW', 'TRAINING', 'JOB', 'WORKSHOP', 'COMPANY_IMMERSION',
                                 'RECRUITMENT_EVENT']),
    valid_from       timestamptz not null,
    updated_by       bigint      not null references user_account (id),
    constraint purpose_setting_version_uk unique (departement_code, version)
);
-- The settings in force at a moment: the latest row of the département from before it.
create index purpose_setting_in_force_idx on purpose_setting (departement_code, valid_from desc, id desc);
create index purpose_setting_updated_by_idx on purpose_setting (updated_by);

-- A row may have decided a referral: it is never changed nor deleted.
create function purpose_setting_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'purpose settings are append-only';
end $$;
create trigger purpose_setting_append_only before update or delete on purpose_setting
    for each row execute function purpose_setting_append_only();
