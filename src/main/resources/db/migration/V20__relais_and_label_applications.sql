-- Issue 18, part A: the Relais Petite Enfance (RPE, ex-RAM), its facilitators, and childminders' applications for
-- the AVIP label (apply -> the relais's opinion -> the Caf's decision, which grants through the label lifecycle).

-- A relais is a new kind of organisation; its users are the new role, the RPE facilitator.
alter table organisation drop constraint organisation_kind_check;
alter table organisation add constraint organisation_kind_check
    check (kind in ('FRANCE_TRAVAIL_AGENCY', 'OTHER_PRESCRIBER', 'CAF', 'HOME_CARE_SERVICE',
                    'AVIP_CRECHE', 'CHILDMINDER', 'ADMINISTRATION', 'RELAIS_PETITE_ENFANCE'));
alter table user_account drop constraint user_account_role_check;
alter table user_account add constraint user_account_role_check
    check (role in ('ADVISOR', 'CAF_OFFICER', 'PROVIDER', 'ADMIN', 'RPE_FACILITATOR'));

-- The communes a relais covers (edited by the Caf's administrators). A commune may have several relais (a large
-- town): each of them sees its childminders. The commune lies in the relais's département (checked by the service).
create table relais_commune (
    relais_organisation_id bigint     not null references organisation (id),
    commune_code           varchar(5) not null references commune (insee_code),
    primary key (relais_organisation_id, commune_code)
);
-- The relais of a childminder's commune (notifications, the application's opinion).
create index relais_commune_commune_idx on relais_commune (commune_code, relais_organisation_id);

-- The facilitator's follow-up log of a childminder: support actions, appended, never changed nor deleted.
create table relais_follow_up (
    id                     bigint generated always as identity primary key,
    relais_organisation_id bigint      not null references organisation (id),
    childminder_id         bigint      not null references childminder (id),
    kind                   varchar(20) not null check (kind in ('VISIT', 'CALL', 'WORKSHOP', 'TRAINING')),
    happened_on            date        not null,
    note                   text        not null check (length(trim(note)) between 1 and 2000),
    recorded_by            bigint      not null references user_account (id),
    recorded_at            timestamptz not null,
    -- The form's one-time token: the same form posted twice records one action.
    request_token          uuid        not null unique
);
-- A childminder's log, newest first.
create index relais_follow_up_childminder_idx on relais_follow_up (childminder_id, happened_on desc, id desc);
create index relais_follow_up_recorded_by_idx on relais_follow_up (recorded_by);
create index relais_follow_up_relais_idx on relais_follow_up (relais_organisation_id);

create function relais_follow_up_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the follow-up log is append-only';
end $$;
create trigger relais_follow_up_append_only before update or delete on relais_follow_up
    for each row execute function relais_follow_up_append_only();

-- A childminder's application for the AVIP label.
create table label_application (
    id                 bigint generated always as identity primary key,
    childminder_id     bigint      not null references childminder (id),
    -- The childminder's département when she applied: the Caf that decides, and the statistics' territory.
    departement_code   varchar(3)  not null references departement (code),
    status             varchar(20) not null check (status in ('AWAITING_OPINION', 'AWAITING_DECISION', 'GRANTED',
                                                              'REFUSED', 'WITHDRAWN')),
    availability       text        not null check (length(trim(availability)) between 1 and 1000),
    -- Days of the week she offers, as a bit set (Monday = 1 … Sunday = 64, as referral.regular_days); 0: none said.
    days               smallint    not null default 0 check (days between 0 and 127),
    min_age_months     smallint    not null check (min_age_months between 0 and 144),
    max_age_months     smallint    not null check (max_age_months between 0 and 144),
    submitted_at       timestamptz not null,
    submitted_by       bigint      not null references user_account (id),
    opinion            varchar(15) check (opinion in ('FAVOURABLE', 'UNFAVOURABLE')),
    opinion_comment    text,
    opinion_by         bigint references user_account (id),
    opinion_at         timestamptz,
    decided_by         bigint references user_account (id),
    decided_at         timestamptz,
    decision_reason    text,
    label_id           bigint references avip_label (id),
    version            bigint      not null default 0,
    check (max_age_months >= min_age_months),
    check ((opinion is null) = (opinion_at is null) and (opinion is null) = (opinion_by is null)),
    check (opinion is distinct from 'UNFAVOURABLE' or length(trim(opinion_comment)) > 0),
    check ((status = 'GRANTED') = (label_id is not null)),
    check ((status in ('GRANTED', 'REFUSED')) = (decided_at is not null and decided_by is not null)),
    check (status <> 'REFUSED' or length(trim(decision_reason)) > 0)
);
-- One open application per childminder: a double click, or two tabs, never file two.
create unique index label_application_one_open_uk on label_application (childminder_id)
    where status in ('AWAITING_OPINION', 'AWAITING_DECISION');
-- A childminder's applications, newest first (her page, the facilitator's page of her).
create index label_application_childminder_idx on label_application (childminder_id, id desc);
-- The Caf's list by territory and status, oldest first; the statistics by territory and period.
create index label_application_departement_idx on label_application (departement_code, status, submitted_at);
create index label_application_submitted_by_idx on label_application (submitted_by);
create index label_application_opinion_by_idx on label_application (opinion_by);
create index label_application_decided_by_idx on label_application (decided_by);
create index label_application_label_idx on label_application (label_id);

-- Labels lapsing within 60 days, told once to the facilitators of the childminder's relais.
create table label_lapse_notice (
    label_id    bigint      primary key references avip_label (id),
    notified_at timestamptz not null
);
