-- Data protection (issue 15): finished referrals are anonymised after a retention period, drafts never sent are
-- deleted, every view of a family's personal data is logged, a parent may withdraw consent (privacy package).

-- An anonymised referral keeps what the statistics are computed from (statistics/events.sql) and loses names,
-- identifiers, contacts, children's first names and free text. When it happened; null while the data is whole.
alter table referral add column anonymised_at timestamptz;
-- The statistics count small figures in families: the hash events.sql draws from the parent's identifier, kept at
-- anonymisation (the same value statistics_event already holds) so that the figures stay identical afterwards.
alter table referral add column family_key bigint;
-- The parent withdrew consent: the referral was withdrawn and its personal data erased at once.
alter table referral add column consent_withdrawn_at timestamptz;
-- When the advisor was told that this never-sent draft will be deleted.
alter table referral add column deletion_warned_at timestamptz;
alter table referral add constraint referral_anonymised_when_consent_withdrawn
    check (consent_withdrawn_at is null or anonymised_at is not null);
alter table referral add constraint referral_anonymised_has_no_identity
    check (anonymised_at is null or (parent_last_name is null and parent_first_name is null
        and france_travail_id is null and caf_number is null and phone is null and email is null
        and parent_search_name = '' and purpose_organisation is null and outcome_comment is null
        and no_solution_comment is null));

-- A sent referral needed the parent's identity and the free-text reasons; an anonymised one has lost them.
alter table referral drop constraint referral_complete_when_sent;
alter table referral add constraint referral_complete_when_sent check (
    status = 'DRAFT'
    or (status = 'WITHDRAWN' and submitted_at is null)
    or (consent_given_on is not null and consent_collected_by is not null
        and (anonymised_at is not null or (parent_last_name is not null and parent_first_name is not null
            and france_travail_id is not null and phone is not null))
        and commune_code is not null and purpose is not null and need is not null
        and first_day is not null and submitted_at is not null));
alter table referral drop constraint referral_outcome_when_closed;
alter table referral add constraint referral_outcome_when_closed
    check ((status = 'CLOSED') = (outcome is not null and closed_at is not null)
           and (outcome_comment is null or outcome is not null)
           and (outcome is distinct from 'OTHER' or outcome_comment is not null or anonymised_at is not null));
alter table referral drop constraint referral_reason_when_no_solution;
alter table referral add constraint referral_reason_when_no_solution
    check ((status = 'NO_SOLUTION') = (no_solution_reason is not null)
           and (no_solution_comment is null or no_solution_reason is not null)
           and (no_solution_reason is distinct from 'OTHER' or no_solution_comment is not null
                or anonymised_at is not null));

-- The retention job's queues: finished referrals not yet anonymised by when they ended (a final status has no
-- later transition), and drafts by creation.
create index referral_anonymisation_due_idx on referral (last_transition_at, id)
    where anonymised_at is null and status in ('CLOSED', 'INELIGIBLE', 'NO_SOLUTION', 'WITHDRAWN');
create index referral_draft_age_idx on referral (created_at, id) where status = 'DRAFT';

-- Children: the first name goes, the birth date becomes an age in months at the time of the referral.
alter table referral_child add column age_months smallint check (age_months >= 0);
alter table referral_child alter column first_name drop not null;
alter table referral_child alter column birth_date drop not null;
alter table referral_child add constraint referral_child_whole_or_anonymised
    check ((first_name is not null and birth_date is not null and age_months is null)
        or (first_name is null and birth_date is null and age_months is not null));

-- Offers: the officer's message and the provider's free-text reason go.
alter table offer add column anonymised_at timestamptz;
alter table offer drop constraint offer_reason_when_declined;
alter table offer add constraint offer_reason_when_declined check (
    (status = 'DECLINED') = (decline_reason is not null)
    and (decline_comment is null or decline_reason is not null)
    and (decline_reason is distinct from 'OTHER' or decline_comment is not null or anonymised_at is not null));

-- The one explicit path through the append-only tables: a transaction of the retention job or of a consent
-- withdrawal sets passerelle.anonymise to 'on' (set local: it ends with the transaction) and may then only blank
-- free text (comments, justifications, the rule results' arguments) or delete the timeline of a draft being
-- deleted. Every such run is recorded in the audit trail by the application. Anything else stays forbidden.
create function anonymising() returns boolean language sql stable as $$
    select coalesce(current_setting('passerelle.anonymise', true), '') = 'on'
$$;

create function forbid_change_unless_anonymising() returns trigger language plpgsql as $$
begin
    if not anonymising() then
        raise exception '% rows are append-only', tg_table_name using errcode = 'restrict_violation';
    end if;
    if tg_op = 'DELETE' then
        if tg_table_name = 'referral_transition'
                and exists (select 1 from referral r where r.id = old.referral_id and r.status = 'DRAFT') then
            return old;
        end if;
        raise exception '% rows are append-only', tg_table_name using errcode = 'restrict_violation';
    end if;
    if tg_table_name = 'referral_transition' then
        if (new.id, new.referral_id, new.from_status, new.to_status, new.actor_id, new.occurred_at)
                is distinct from (old.id, old.referral_id, old.from_status, old.to_status, old.actor_id,
                                  old.occurred_at)
                or new.comment is not null then
            raise exception 'anonymisation only erases a transition''s comment' using errcode = 'restrict_violation';
        end if;
    elsif tg_table_name = 'eligibility_decision' then
        if (new.id, new.referral_id, new.decided_by, new.decided_at, new.outcome, new.reason, new.parameters)
                is distinct from (old.id, old.referral_id, old.decided_by, old.decided_at, old.outcome, old.reason,
                                  old.parameters)
                or new.comment is not null or new.justification is not null
                or jsonb_array_length(new.rule_results) <> jsonb_array_length(old.rule_results)
                or exists (select 1 from jsonb_array_elements(new.rule_results) x
                           where x -> 'messageArguments' <> '[]'::jsonb) then
            raise exception 'anonymisation only erases a decision''s free text' using errcode = 'restrict_violation';
        end if;
    end if;
    return new;
end;
$$;

drop trigger referral_transition_append_only on referral_transition;
create trigger referral_transition_append_only
    before update or delete on referral_transition
    for each row execute function forbid_change_unless_anonymising();
drop trigger eligibility_decision_append_only on eligibility_decision;
-- The comment of an information request must be there (V4); an anonymised decision has lost it.
do $$
declare
    name text;
begin
    select c.conname into strict name
    from pg_constraint c
    where c.conrelid = 'eligibility_decision'::regclass and c.contype = 'c'
      and pg_get_constraintdef(c.oid) like '%INFORMATION_REQUESTED%comment%';
    execute format('alter table eligibility_decision drop constraint %I', name);
end;
$$;
alter table eligibility_decision add column anonymised boolean not null default false;
alter table eligibility_decision add constraint eligibility_decision_question_asked
    check (outcome <> 'INFORMATION_REQUESTED' or comment is not null or anonymised);
create trigger eligibility_decision_append_only
    before update or delete on eligibility_decision
    for each row execute function forbid_change_unless_anonymising();

-- The access log: every view of a family's personal data (who, when, which referral, which page). Append-only;
-- purged after its retention period (12 months by default) by the retention job, through the same setting.
create table referral_access (
    id          bigint generated always as identity primary key,
    -- No foreign key: the accesses to a draft since deleted are still accounted for.
    referral_id bigint      not null,
    viewer_id   bigint      not null references user_account (id),
    accessed_at timestamptz not null,
    page        varchar(30) not null check (page in ('ADVISOR_DETAIL', 'OFFICER_REVIEW', 'OFFICER_ROUTING',
        'PROVIDER_OFFER', 'RIGHT_OF_ACCESS_HTML', 'RIGHT_OF_ACCESS_CSV'))
);
-- An administrator's list of one referral's accesses, newest first; the purge by age.
create index referral_access_referral_idx on referral_access (referral_id, accessed_at desc, id desc);
create index referral_access_accessed_idx on referral_access (accessed_at);
create index referral_access_viewer_idx on referral_access (viewer_id);

create function forbid_access_log_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and anonymising() then
        return old;
    end if;
    raise exception '% rows are append-only', tg_table_name using errcode = 'restrict_violation';
end;
$$;
create trigger referral_access_append_only
    before update or delete on referral_access
    for each row execute function forbid_access_log_change();
create trigger referral_access_no_truncate
    before truncate on referral_access
    for each statement execute function forbid_change();
