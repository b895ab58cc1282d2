-- Childminders' availability and the AVIP allowance (README "AVIP allowance and availability").

-- A childminder's periods of absence (holidays, training, other): routing offers her no child whose care period
-- has one of these days. Overlaps are refused by the service, under the childminder's row lock.
create table childminder_absence (
    id             bigint generated always as identity primary key,
    childminder_id bigint      not null references childminder (id),
    reason         varchar(20) not null check (reason in ('HOLIDAY', 'TRAINING', 'OTHER')),
    first_day      date        not null,
    last_day       date        not null,
    created_at     timestamptz not null,
    created_by     bigint      not null references user_account (id),
    check (last_day >= first_day),
    check (last_day - first_day < 366)
);
-- Routing's check "away during the care period" for the childminders of a page, and her own list, by first day.
create index childminder_absence_childminder_idx on childminder_absence (childminder_id, first_day, last_day);

-- How many of her AVIP places a childminder declares free (at most her AVIP places, checked by the service).
create table childminder_free_places (
    childminder_id bigint primary key references childminder (id),
    free_places    smallint    not null check (free_places between 0 and 4),
    declared_at    timestamptz not null,
    declared_by    bigint      not null references user_account (id),
    version        bigint      not null default 0
);

-- The allowance rules of a Caf (by its département), each version in force from its first day until the next one.
-- Amounts in euro cents; none is required (zero: not paid). A version used by a validated statement never changes.
create table allowance_rule (
    id                   bigint generated always as identity primary key,
    departement_code     varchar(3)  not null references departement (code),
    effective_from       date        not null,
    per_care_day_cents   integer     not null default 0 check (per_care_day_cents between 0 and 100000),
    per_place_month_cents integer    not null default 0 check (per_place_month_cents between 0 and 500000),
    monthly_cap_cents    integer check (monthly_cap_cents between 0 and 1000000),
    created_at           timestamptz not null,
    created_by           bigint references user_account (id),
    version              bigint      not null default 0,
    unique (departement_code, effective_from)
);

-- A childminder's monthly statement. TO_CONFIRM (computed) → CONFIRMED (by her) → VALIDATED (Caf officer, locked)
-- → PAID (in a payment file, once).
create table allowance_export (
    id               bigint generated always as identity primary key,
    departement_code varchar(3)  not null references departement (code),
    month            date        not null check (extract(day from month) = 1),
    exported_at      timestamptz not null,
    exported_by      bigint      not null references user_account (id),
    statements       integer     not null check (statements > 0),
    total_cents      bigint      not null
);
create index allowance_export_departement_idx on allowance_export (departement_code, id desc);

create table allowance_statement (
    id               bigint generated always as identity primary key,
    childminder_id   bigint      not null references childminder (id),
    departement_code varchar(3)  not null references departement (code),
    month            date        not null check (extract(day from month) = 1),
    status           varchar(12) not null check (status in ('TO_CONFIRM', 'CONFIRMED', 'VALIDATED', 'PAID')),
    -- The month's own amount (care and places kept), capped, then the adjustments: what is paid.
    capped_cents     bigint      not null,
    total_cents      bigint      not null,
    computed_at      timestamptz not null,
    confirmed_at     timestamptz,
    confirmed_by     bigint references user_account (id),
    validated_at     timestamptz,
    validated_by     bigint references user_account (id),
    export_id        bigint references allowance_export (id),
    version          bigint      not null default 0,
    unique (childminder_id, month),
    check ((status in ('CONFIRMED', 'VALIDATED', 'PAID')) = (confirmed_at is not null)),
    check ((status in ('VALIDATED', 'PAID')) = (validated_at is not null)),
    check ((status = 'PAID') = (export_id is not null))
);
-- The officer's lists and the export: a département's statements of a month by status.
create index allowance_statement_queue_idx on allowance_statement (departement_code, month, status);
create index allowance_statement_export_idx on allowance_statement (export_id) where export_id is not null;

-- The rule versions a statement applied: such a version is never changed once the statement is validated.
create table allowance_statement_rule (
    statement_id bigint not null references allowance_statement (id),
    rule_id      bigint not null references allowance_rule (id),
    primary key (statement_id, rule_id)
);
create index allowance_statement_rule_rule_idx on allowance_statement_rule (rule_id);

-- A statement's lines: care of a child placed through Passerelle (days planned, days confirmed), a place kept
-- available, or an adjustment correcting a statement already validated.
create table allowance_statement_line (
    id                bigint generated always as identity primary key,
    statement_id      bigint      not null references allowance_statement (id),
    position          smallint    not null,
    kind              varchar(12) not null check (kind in ('CARE', 'PLACE_KEPT', 'ADJUSTMENT')),
    offer_id          bigint references offer (id),
    -- CARE: every day of the care period within the month; the days planned; the days she confirms.
    period_days       date[],
    planned_days      date[],
    confirmed_days    date[],
    correction_reason text check (length(correction_reason) <= 500),
    -- PLACE_KEPT: places free and days they were kept available.
    places            smallint,
    place_days        smallint,
    -- ADJUSTMENT: the statement it corrects and why.
    corrects_id       bigint references allowance_statement (id),
    amount_cents      bigint      not null,
    check ((kind = 'CARE') = (offer_id is not null and period_days is not null and planned_days is not null
        and confirmed_days is not null)),
    check ((kind = 'ADJUSTMENT') = (corrects_id is not null and correction_reason is not null)),
    unique (statement_id, position)
);
create index allowance_statement_line_offer_idx on allowance_statement_line (offer_id) where offer_id is not null;

-- A correction of a validated statement, waiting for the childminder's next statement.
create table allowance_adjustment (
    id             bigint generated always as identity primary key,
    childminder_id bigint      not null references childminder (id),
    corrects_id    bigint      not null references allowance_statement (id),
    amount_cents   bigint      not null check (amount_cents between -1000000 and 1000000 and amount_cents <> 0),
    reason         text        not null check (length(reason) between 1 and 500),
    created_at     timestamptz not null,
    created_by     bigint      not null references user_account (id),
    applied_to_id  bigint references allowance_statement (id)
);
create index allowance_adjustment_pending_idx on allowance_adjustment (childminder_id) where applied_to_id is null;

-- The monthly statements job: a childminder's accepted offers.
create index offer_accepted_childminder_idx on offer (provider_id) where provider_kind = 'CHILDMINDER' and status = 'ACCEPTED';
