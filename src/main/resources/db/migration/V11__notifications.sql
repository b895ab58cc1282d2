-- Notifications: people are told at once that work waits for them (an offer to answer, a decision, a care arranged),
-- by email and in the application. Every notification is recorded in the transaction of the change that causes it
-- (a transactional outbox): a rolled-back change sends nothing, a committed one is never lost.

-- Where people are reached. A person's address is required for new accounts (checked by the forms); accounts made
-- before this migration have none until an administrator adds it. An organisation's contact address is its shared
-- desk: the Caf's social-action mailbox, a home-care service's desk. The format rule is the application's
-- (system.EmailAddresses); the database keeps a coarse one: one @, no whitespace or control character, a dot after it.
alter table user_account add column email varchar(254)
    constraint user_account_email_format check (email ~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+\.[^@[:space:][:cntrl:]]+$');
alter table organisation add column contact_email varchar(254)
    constraint organisation_contact_email_format check (contact_email ~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+\.[^@[:space:][:cntrl:]]+$');
-- The language of a person's emails, and the notifications they may switch off (the daily digest, the reminders).
-- Offers to providers, decisions and cancellations cannot be switched off.
alter table user_account add column locale varchar(2) not null default 'fr' check (locale in ('fr', 'en'));
alter table user_account add column digest_enabled boolean not null default true;
alter table user_account add column reminders_enabled boolean not null default true;

-- What a person sees under the bell: one row per recipient. The words are message arguments rendered in the
-- reader's language when shown; none of them is a family's name or contact.
create table notification (
    id           bigint generated always as identity primary key,
    recipient_id bigint      not null references user_account (id),
    kind         varchar(40) not null,
    arguments    text[]      not null default '{}',
    -- A path inside the application (the offer, the referral), never an absolute URL.
    link         text check (link like '/%'),
    created_at   timestamptz not null,
    read_at      timestamptz
);
-- A person's notifications, newest first, and the unread ones the bell counts.
create index notification_recipient_idx on notification (recipient_id, id desc);
create index notification_unread_idx on notification (recipient_id, id) where read_at is null;

-- The outbox of emails: rendered (subject, text and HTML) when the change commits, sent after by the sending job,
-- retried with back-off until sent or failed for good. The job locks the rows it sends (for update skip locked), so
-- several instances never send the same email twice.
create table outbound_email (
    id                        bigint generated always as identity primary key,
    kind                      varchar(40)  not null,
    recipient_user_id         bigint references user_account (id),
    recipient_organisation_id bigint references organisation (id),
    to_address                varchar(254) not null,
    locale                    varchar(2)   not null check (locale in ('fr', 'en')),
    subject                   text         not null,
    text_body                 text         not null,
    html_body                 text         not null,
    status                    varchar(10)  not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts                  integer      not null default 0 check (attempts >= 0),
    next_attempt_at           timestamptz  not null,
    last_error                text,
    created_at                timestamptz  not null,
    sent_at                   timestamptz,
    failed_at                 timestamptz,
    check ((status = 'SENT') = (sent_at is not null)),
    check ((status = 'FAILED') = (failed_at is not null)),
    check (recipient_user_id is not null or recipient_organisation_id is not null)
);
-- The sending job: pending emails by when they are due.
create index outbound_email_due_idx on outbound_email (next_attempt_at, id) where status = 'PENDING';
-- The administrators' outbox list by status, newest first, and the home page's counts of what is not sent.
create index outbound_email_status_idx on outbound_email (status, id desc);
create index outbound_email_recipient_user_idx on outbound_email (recipient_user_id);
create index outbound_email_recipient_organisation_idx on outbound_email (recipient_organisation_id);

-- Answer links: an offer email carries a link that lets its recipient accept or decline without a password. The
-- link holds 256 random bits; only their SHA-256 is stored, so the table alone opens nothing. A link is bound to one
-- offer and one recipient, expires at the offer's deadline and answers once.
create table offer_answer_link (
    id           bigint generated always as identity primary key,
    token_hash   char(64)    not null unique,
    offer_id     bigint      not null references offer (id),
    recipient_id bigint      not null references user_account (id),
    expires_at   timestamptz not null,
    created_at   timestamptz not null,
    used_at      timestamptz,
    used_for     varchar(10) check (used_for in ('ACCEPTED', 'DECLINED')),
    check ((used_at is null) = (used_for is null))
);
create index offer_answer_link_offer_idx on offer_answer_link (offer_id);
create index offer_answer_link_recipient_idx on offer_answer_link (recipient_id);

-- Reminders, each sent once: to the provider when an offer's deadline is near, to the advisor when the care is
-- over and the outcome is still to record. The jobs find what is due through these partial indexes.
alter table offer add column reminder_sent_at timestamptz;
create index offer_reminder_due_idx on offer (deadline_at) where status = 'PENDING' and reminder_sent_at is null;
alter table referral add column outcome_reminder_sent_at timestamptz;
create index referral_outcome_reminder_due_idx on referral (coalesce(last_day, first_day))
    where status = 'CARE_ARRANGED' and outcome_reminder_sent_at is null;

-- The daily digest is composed once a day, by whichever instance first inserts the day's row.
create table notification_digest_run (
    day    date        primary key,
    ran_at timestamptz not null
);
