-- Data protection in the demo (demo.DemoRetention): referrals finished more than 24 months ago, waiting for the
-- retention job to anonymise them, and drafts never sent, one to be warned of and one warned and due for deletion, so
-- that admin.caf's "Données personnelles" page shows the retention status from a fresh clone. Loaded once.
do $$
declare
    officer bigint := (select id from user_account where username = 'agent.caf');
    advisor bigint := (select id from user_account where username = 'conseiller.evry');
    org bigint := (select organisation_id from user_account where username = 'conseiller.evry');
    communes varchar[] := array['91228', '91174', '91377', '91223'];
    last_names text[] := array['Lambert', 'Girard', 'Bonnet', 'Dupont', 'Lopez', 'Fournier'];
    fates varchar[] := array['INELIGIBLE', 'WITHDRAWN', 'NO_SOLUTION'];
    i int;
    rid bigint;
    sent timestamptz;
    fate varchar;
begin
    if advisor is null or exists (select 1 from referral where creation_token = md5('demo-retention-1')::uuid) then
        return;
    end if;
    for i in 1..12 loop
        sent := now() - interval '30 months' + (i * interval '9 days');
        fate := fates[1 + i % 3];
        insert into referral (organisation_id, created_by, creation_token, status, parent_last_name, parent_first_name,
                              parent_search_name, france_travail_id, job_seeker_attested, phone, commune_code,
                              departement_code, purpose, need, first_day, last_day, consent_given_on,
                              consent_collected_by, submitted_at, last_transition_at, created_at, routing_queued_at,
                              no_solution_reason)
        values (org, advisor, md5('demo-retention-' || i)::uuid, fate, last_names[1 + i % 6], 'Camille',
                lower(last_names[1 + i % 6]) || ' camille', lpad((7300000 + i)::text, 7, '0') || 'R', true,
                '+33612' || lpad(i::text, 6, '0'), communes[1 + i % 4], '91',
                'JOB_INTERVIEW', 'OCCASIONAL', (sent + interval '7 days')::date, (sent + interval '7 days')::date,
                sent::date, advisor, sent, sent + interval '2 days', sent,
                case when fate = 'NO_SOLUTION' then sent + interval '1 day' end,
                case when fate = 'NO_SOLUTION' then 'NO_PROVIDER_IN_AREA' end)
        returning id into rid;
        insert into referral_child (referral_id, position, first_name, birth_date)
        values (rid, 1, 'Louise', (sent - interval '3 years')::date);
        insert into referral_transition (referral_id, from_status, to_status, actor_id, occurred_at)
        values (rid, null, 'DRAFT', advisor, sent), (rid, 'DRAFT', 'SUBMITTED', advisor, sent);
        if fate = 'INELIGIBLE' then
            insert into eligibility_decision (referral_id, decided_by, decided_at, outcome, reason, rule_results,
                                              parameters)
            values (rid, officer, sent + interval '2 days', 'INELIGIBLE', 'DATES_PASSED', '[]', '{}');
            insert into referral_transition (referral_id, from_status, to_status, actor_id, occurred_at, comment)
            values (rid, 'SUBMITTED', 'INELIGIBLE', officer, sent + interval '2 days', 'L’entretien a déjà eu lieu.');
        elsif fate = 'WITHDRAWN' then
            insert into referral_transition (referral_id, from_status, to_status, actor_id, occurred_at, comment)
            values (rid, 'SUBMITTED', 'WITHDRAWN', advisor, sent + interval '2 days', 'La famille a trouvé une solution.');
        else
            insert into eligibility_decision (referral_id, decided_by, decided_at, outcome, rule_results, parameters)
            values (rid, officer, sent + interval '1 day', 'ELIGIBLE', '[]', '{}');
            insert into referral_transition (referral_id, from_status, to_status, actor_id, occurred_at)
            values (rid, 'SUBMITTED', 'ELIGIBLE', officer, sent + interval '1 day'),
                   (rid, 'ELIGIBLE', 'NO_SOLUTION', officer, sent + interval '2 days');
        end if;
    end loop;
    -- Two drafts never sent: one 80 days old (its advisor will be warned), one 120 days old already warned 20 days
    -- ago (it will be deleted).
    for i in 1..2 loop
        sent := now() - case when i = 1 then interval '80 days' else interval '120 days' end;
        insert into referral (organisation_id, created_by, creation_token, status, parent_last_name, parent_first_name,
                              parent_search_name, commune_code, departement_code, last_transition_at, created_at,
                              deletion_warned_at)
        values (org, advisor, md5('demo-retention-draft-' || i)::uuid, 'DRAFT', 'Morel', 'Anaïs', 'morel anais',
                '91228', '91', sent, sent, case when i = 2 then now() - interval '20 days' end)
        returning id into rid;
        insert into referral_transition (referral_id, from_status, to_status, actor_id, occurred_at)
        values (rid, null, 'DRAFT', advisor, sent);
    end loop;
end;
$$;
