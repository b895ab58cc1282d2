-- The statistics events of a set of referrals (statistics.StatisticsRefresh): the marker below is replaced by the
-- condition choosing them ("true" for all). Each indicator of the README's Statistics section is one kind of event.
insert into statistics_event (referral_id, offer_id, kind, occurred_on, departement_code, organisation_id,
                              commune_code, epci_code, need, purpose, family_key, provider_kind,
                              provider_organisation_id, reason, detail, hours, hit)
with r as not materialized (
    select r.id, r.organisation_id, r.departement_code, r.commune_code, c.epci_code, r.need, r.purpose, r.status,
           r.created_at, r.first_day, r.outcome, r.closed_at, r.no_solution_reason,
           -- The family: the parent's France Travail identifier, else their name, else the referral alone; an
           -- anonymised referral kept the hash it had (privacy.Anonymiser).
           coalesce(r.family_key, hashtextextended(
               coalesce(r.france_travail_id, nullif(r.parent_search_name, ''), 'referral ' || r.id), 0)) as family_key
    from referral r
    left join commune c on c.insee_code = r.commune_code
    where /*referrals*/
), t as (
    select tr.referral_id,
           min(tr.occurred_at) filter (where tr.to_status = 'SUBMITTED') as sent_at,
           min(tr.occurred_at) filter (where tr.to_status = 'WITHDRAWN') as withdrawn_at,
           min(tr.occurred_at) filter (where tr.from_status = 'SUBMITTED'
                                         and tr.to_status in ('ELIGIBLE', 'INELIGIBLE')) as decided_at,
           min(tr.occurred_at) filter (where tr.from_status = 'SUBMITTED' and tr.to_status = 'ELIGIBLE')
               as eligible_at,
           min(tr.occurred_at) filter (where tr.to_status = 'CARE_ARRANGED') as care_at,
           min(tr.occurred_at) filter (where tr.to_status = 'NO_SOLUTION') as no_solution_at
    from referral_transition tr
    where tr.referral_id in (select r.id from referral r where /*referrals*/)
    group by tr.referral_id
), o as (
    select o.referral_id, min(o.sent_at) as first_offer_at,
           (array_agg(o.provider_kind order by o.answered_at desc) filter (where o.status = 'ACCEPTED'))[1]
               as care_kind
    from offer o
    where o.referral_id in (select r.id from referral r where /*referrals*/)
    group by o.referral_id
), d as (
    select distinct on (d.referral_id) d.referral_id, d.reason
    from eligibility_decision d
    where d.outcome = 'INELIGIBLE' and d.referral_id in (select r.id from referral r where /*referrals*/)
    order by d.referral_id, d.decided_at desc
), f as (
    select r.*, t.sent_at, t.withdrawn_at, t.decided_at, t.eligible_at, t.care_at, t.no_solution_at,
           o.first_offer_at, o.care_kind, d.reason as ineligibility_reason
    from r
    left join t on t.referral_id = r.id
    left join o on o.referral_id = r.id
    left join d on d.referral_id = r.id
), e as (
    select f.id as referral_id, null::bigint as offer_id, v.kind, v.at, f.departement_code, f.organisation_id,
           f.commune_code, f.epci_code, f.need, f.purpose, f.family_key, v.provider_kind,
           null::bigint as provider_organisation_id, v.reason, null::varchar as detail, v.hours, v.hit
    from f
    cross join lateral (values
        ('FILED', f.created_at, null::varchar, null::varchar, null::double precision, false),
        ('SENT', f.sent_at, null, null, null, false),
        ('WITHDRAWN', f.withdrawn_at, null, null, null, false),
        ('DECIDED', f.decided_at, null,
            case when f.eligible_at is not null then 'ELIGIBLE' else coalesce(f.ineligibility_reason, 'OTHER') end,
            extract(epoch from f.decided_at - f.sent_at) / 3600, f.eligible_at is not null),
        ('FIRST_OFFER', f.first_offer_at, null, null,
            extract(epoch from f.first_offer_at - f.eligible_at) / 3600, false),
        ('CARE_ARRANGED', f.care_at, f.care_kind, null, extract(epoch from f.care_at - f.sent_at) / 3600, false),
        ('NO_SOLUTION', f.no_solution_at, null, f.no_solution_reason, null, false),
        ('OUTCOME', f.closed_at, f.care_kind, f.outcome, null,
            coalesce(f.outcome in ('JOB_STARTED', 'TRAINING_STARTED'), false)),
        -- An outcome is due from the first day of arranged care (withdrawn care owes none).
        ('OUTCOME_DUE',
            case when f.care_at is not null and f.status in ('CARE_ARRANGED', 'CLOSED')
                 then f.first_day::timestamp at time zone :zone end,
            f.care_kind, coalesce(f.outcome, 'MISSING'), null, f.outcome is null)
    ) as v (kind, at, provider_kind, reason, hours, hit)
    where v.at is not null
    union all
    select tr.referral_id, null, 'INFORMATION_REQUESTED', tr.occurred_at, r.departement_code, r.organisation_id,
           r.commune_code, r.epci_code, r.need, r.purpose, r.family_key, null, null, null, null, null, false
    from referral_transition tr
    join r on r.id = tr.referral_id
    where tr.to_status = 'INFORMATION_REQUESTED'
    union all
    select o.referral_id, o.id, 'OFFER', o.sent_at, r.departement_code, r.organisation_id, r.commune_code,
           r.epci_code, r.need, r.purpose, r.family_key, o.provider_kind, o.provider_organisation_id, o.status,
           o.decline_reason, extract(epoch from o.answered_at - o.sent_at) / 3600, false
    from offer o
    join r on r.id = o.referral_id
    union all
    -- An answer was due: the offer was answered or expired (not pending, not cancelled by a withdrawal).
    select o.referral_id, o.id, 'ANSWER_DUE', o.sent_at, r.departement_code, r.organisation_id, r.commune_code,
           r.epci_code, r.need, r.purpose, r.family_key, o.provider_kind, o.provider_organisation_id, o.status,
           null, extract(epoch from o.answered_at - o.sent_at) / 3600,
           coalesce(o.answered_at - o.sent_at <= interval '24 hours', false)
    from offer o
    join r on r.id = o.referral_id
    where o.status in ('ACCEPTED', 'DECLINED', 'EXPIRED')
)
select referral_id, offer_id, kind, (at at time zone :zone)::date, departement_code, organisation_id, commune_code,
       epci_code, need, purpose, family_key, provider_kind, provider_organisation_id, reason, detail, hours, hit
from e
-- Rows of a territory side by side: a page reads few table pages.
order by departement_code, 4
