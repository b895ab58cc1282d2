-- A year of finished referrals in Essonne for the statistics page (demo.DemoStatisticsHistory): 900 families referred
-- by the three demo prescribers, each through the real state machine's steps with its timeline, decisions, offers,
-- held places (released) and outcome, so that every chart has something to show. Every referral is final (closed,
-- ineligible, withdrawn, no solution) but a few care arrangements whose outcome was never recorded: none waits in a
-- queue of the demo journeys, and no current place of a journey's provider is held.
do $$
declare
    officer bigint := (select id from user_account where username = 'agent.caf');
    advisors bigint[] := array[(select id from user_account where username = 'conseiller.evry'),
                               (select id from user_account where username = 'conseiller.massy'),
                               (select id from user_account where username = 'conseiller.mission-locale')];
    communes varchar[] := array['91228', '91174', '91377', '91223', '91521', '91286', '91477', '91692', '91345',
                                '91589', '91549', '91103'];
    last_names text[] := array['Martin', 'Bernard', 'Moreau', 'Laurent', 'Garcia', 'Roux', 'Fontaine', 'Chevalier',
                               'Mercier', 'Blanc', 'Guerin', 'Faure'];
    first_names text[] := array['Amina', 'Julie', 'Sonia', 'Karima', 'Élodie', 'Mélanie', 'Fanta', 'Léa', 'Inès',
                                'Samir', 'Karim', 'Nadia'];
    child_names text[] := array['Adam', 'Lina', 'Noah', 'Jade', 'Rayan', 'Chloé', 'Yanis', 'Sarah'];
    reasons varchar[] := array['CHILD_TOO_OLD', 'NOT_A_JOB_SEEKER', 'PURPOSE_NOT_COVERED', 'DATES_PASSED',
                               'DUPLICATE'];
    declines varchar[] := array['NO_CAPACITY', 'DATES_UNAVAILABLE', 'HOURS_UNSUITABLE', 'AGE_NOT_ACCEPTED', 'TOO_FAR'];
    no_solutions varchar[] := array['NO_PROVIDER_IN_AREA', 'ALL_DECLINED', 'NO_CAPACITY'];
    outcomes varchar[] := array['JOB_STARTED', 'JOB_STARTED', 'TRAINING_STARTED', 'INTERVIEW_ATTENDED',
                                'INTERVIEW_ATTENDED', 'DID_NOT_ATTEND'];
    -- Providers: [kind, provider id, organisation id, answering user] (journeys' providers get released holds only).
    home_care bigint[][];
    childminders bigint[][];
    creche bigint[];
    i int;
    advisor bigint;
    org bigint;
    commune varchar;
    need varchar;
    purpose varchar;
    created timestamptz;
    t timestamptz;
    rid bigint;
    oid bigint;
    first date;
    last date;
    children int;
    kind varchar;
    provider bigint[];
    pick int;
    fate double precision;
    answer_fate double precision;
    status varchar;
begin
    if exists (select 1 from referral where creation_token = md5('demo-statistics-1')::uuid) then
        return;
    end if;
    perform setseed(0.1313);
    select array_agg(array[h.id, h.organisation_id, (select min(u.id) from user_account u
                                                      where u.organisation_id = h.organisation_id)] order by h.id)
      into home_care
      from home_care_service h join organisation o on o.id = h.organisation_id
     where o.name in ('Essonne Services à Domicile', 'Nord Essonne Aide à Domicile');
    select array_agg(array[c.id, c.organisation_id, u.id] order by c.id)
      into childminders
      from childminder c join user_account u on u.organisation_id = c.organisation_id
     where u.username in ('am.martin', 'am.bernard', 'am.dubois', 'am.thomas', 'am.robert', 'am.richard', 'am.petit',
                          'am.durand', 'am.leroy', 'am.moreau', 'am.simon', 'am.laurent', 'am.michel', 'am.garcia');
    select array[c.id, c.organisation_id, (select min(u.id) from user_account u
                                           where u.organisation_id = c.organisation_id)]
      into creche
      from creche c join organisation o on o.id = c.organisation_id where o.name = 'Crèche AVIP Les Petits Pas';
    if officer is null or home_care is null or childminders is null or creche is null then
        raise notice 'demo statistics history: demo data missing';
        return;
    end if;

    for i in 1..900 loop
        advisor := advisors[case when i % 10 < 5 then 1 when i % 10 < 8 then 2 else 3 end];
        org := (select organisation_id from user_account where id = advisor);
        commune := communes[1 + floor(random() * array_length(communes, 1))::int];
        need := case when random() < 0.3 then 'EMERGENCY_HOME_CARE' when random() < 0.64 then 'OCCASIONAL'
                     else 'REGULAR' end;
        purpose := case when random() < 0.45 then 'JOB_INTERVIEW' when random() < 0.55 then 'TRAINING' else 'JOB' end;
        created := now() - (40 + floor(random() * 325)) * interval '1 day' - random() * interval '8 hours';
        children := case when random() < 0.75 then 1 else 2 end;
        fate := random();
        t := created;

        insert into referral (organisation_id, created_by, creation_token, status, parent_last_name,
                              parent_first_name, parent_search_name, france_travail_id, job_seeker_attested, phone,
                              commune_code, departement_code, single_parent, rsa_recipient, qpv_resident, purpose,
                              purpose_date, need, first_day, last_day, regular_days, regular_start_time,
                              regular_end_time, consent_given_on, consent_collected_by, submitted_at,
                              last_transition_at, created_at)
        values (org, advisor, md5('demo-statistics-' || i)::uuid, 'DRAFT', last_names[1 + i % 12],
                first_names[1 + (i / 12) % 12], lower(last_names[1 + i % 12] || ' ' || first_names[1 + (i / 12) % 12]),
                lpad((90000000000 + i)::text, 11, '0'), true, '+33611' || lpad(i::text, 6, '0'), commune, '91',
                random() < 0.4, random() < 0.3, random() < 0.2, purpose, (created + interval '10 days')::date, need,
                (created + interval '10 days')::date, (created + interval '12 days')::date,
                case when need = 'REGULAR' then 31 else 0 end,
                case when need = 'REGULAR' then time '08:30' end, case when need = 'REGULAR' then time '17:30' end,
                created::date, advisor, null, created, created)
        returning id into rid;
        insert into referral_child (referral_id, position, first_name, birth_date)
        select rid, p, child_names[1 + (i + p) % 8], (created - (6 + floor(random() * 100)) * interval '1 month')::date
        from generate_series(1, children) p;
        insert into referral_transition (referral_id, from_status, to_status, actor_id, occurred_at)
        values (rid, null, 'DRAFT', advisor, t);

        if fate < 0.04 then
            -- Withdrawn before it was ever sent.
            t := t + interval '1 day';
            insert into referral_transition values (default, rid, 'DRAFT', 'WITHDRAWN', advisor, t, 'Plus nécessaire');
            update referral set status = 'WITHDRAWN', last_transition_at = t where id = rid;
            continue;
        end if;

        t := t + random() * interval '40 hours';
        insert into referral_transition values (default, rid, 'DRAFT', 'SUBMITTED', advisor, t, null);
        update referral set submitted_at = t where id = rid;
        if random() < 0.15 then
            t := t + (2 + random() * 30) * interval '1 hour';
            insert into eligibility_decision (referral_id, decided_by, decided_at, outcome, comment, rule_results,
                                              parameters)
            values (rid, officer, t, 'INFORMATION_REQUESTED', 'Pouvez-vous préciser les dates ?', '[]', '{}');
            insert into referral_transition values (default, rid, 'SUBMITTED', 'INFORMATION_REQUESTED', officer, t,
                                                    'Pouvez-vous préciser les dates ?');
            t := t + (2 + random() * 30) * interval '1 hour';
            insert into referral_transition values (default, rid, 'INFORMATION_REQUESTED', 'SUBMITTED', advisor, t,
                                                    'Dates précisées');
        end if;
        t := t + (1 + random() * random() * 70) * interval '1 hour';
        if fate < 0.16 then
            insert into eligibility_decision (referral_id, decided_by, decided_at, outcome, reason, rule_results,
                                              parameters)
            values (rid, officer, t, 'INELIGIBLE', reasons[1 + floor(random() * 5)::int], '[]', '{}');
            insert into referral_transition values (default, rid, 'SUBMITTED', 'INELIGIBLE', officer, t, null);
            update referral set status = 'INELIGIBLE', last_transition_at = t where id = rid;
            continue;
        end if;
        insert into eligibility_decision (referral_id, decided_by, decided_at, outcome, rule_results, parameters)
        values (rid, officer, t, 'ELIGIBLE', '[]', '{}');
        insert into referral_transition values (default, rid, 'SUBMITTED', 'ELIGIBLE', officer, t, null);
        if fate < 0.19 then
            t := t + random() * interval '3 days';
            insert into referral_transition values (default, rid, 'ELIGIBLE', 'WITHDRAWN', advisor, t,
                                                    'Entretien annulé');
            update referral set status = 'WITHDRAWN', last_transition_at = t where id = rid;
            continue;
        end if;

        -- Offers until one is accepted, or no solution.
        status := 'ELIGIBLE';
        for attempt in 1..3 loop
            if need = 'EMERGENCY_HOME_CARE' then
                kind := 'HOME_CARE';
                pick := 1 + floor(random() * array_length(home_care, 1))::int;
                provider := array[home_care[pick][1], home_care[pick][2], home_care[pick][3]];
            elsif random() < 0.7 then
                kind := 'CHILDMINDER';
                pick := 1 + floor(random() * array_length(childminders, 1))::int;
                provider := array[childminders[pick][1], childminders[pick][2], childminders[pick][3]];
            else
                kind := 'CRECHE';
                provider := creche;
            end if;
            t := t + (0.5 + random() * random() * 40) * interval '1 hour';
            answer_fate := random();
            if fate < 0.29 and attempt = 3 then
                exit;
            end if;
            insert into offer (referral_id, provider_kind, provider_id, provider_organisation_id, sent_at, sent_by,
                               deadline_at, status, departement_code)
            values (rid, kind, provider[1], provider[2], t, officer,
                    t + case when kind = 'HOME_CARE' then interval '24 hours' else interval '48 hours' end,
                    'PENDING', '91')
            returning id into oid;
            insert into referral_transition values (default, rid, 'ELIGIBLE', 'OFFERED', officer, t, null);
            if (fate < 0.29 or answer_fate < 0.3) then
                if answer_fate < 0.1 or (fate < 0.29 and answer_fate < 0.35) then
                    t := t + case when kind = 'HOME_CARE' then interval '24 hours' else interval '48 hours' end;
                    update offer set status = 'EXPIRED', ended_at = t where id = oid;
                    insert into referral_transition values (default, rid, 'OFFERED', 'ELIGIBLE', null, t, null);
                else
                    t := t + random() * case when kind = 'HOME_CARE' then interval '20 hours'
                                              else interval '40 hours' end;
                    update offer set status = 'DECLINED', answered_at = t, answered_by = provider[3],
                                     decline_reason = declines[1 + floor(random() * 5)::int] where id = oid;
                    insert into referral_transition values (default, rid, 'OFFERED', 'ELIGIBLE', provider[3], t, null);
                end if;
                continue;
            end if;
            t := t + random() * random() * case when kind = 'HOME_CARE' then interval '23 hours'
                                                 else interval '47 hours' end;
            update offer set status = 'ACCEPTED', answered_at = t, answered_by = provider[3] where id = oid;
            insert into referral_transition values (default, rid, 'OFFERED', 'CARE_ARRANGED', provider[3], t, null);
            status := 'CARE_ARRANGED';
            first := (t + (case when kind = 'HOME_CARE' then 0 else 1 + floor(random() * 3) end) * interval '1 day')::date;
            last := first + case when need = 'EMERGENCY_HOME_CARE' then 0 else floor(random() * 10)::int end;
            update referral set first_day = first, last_day = last, purpose_date = first where id = rid;
            if kind <> 'HOME_CARE' then
                insert into place_hold (offer_id, provider_kind, provider_id, first_day, last_day, places, held_at,
                                        released_at)
                values (oid, kind, provider[1], first, last, children, t, (last + 1)::timestamp + interval '10 hours');
            end if;
            exit;
        end loop;

        if status = 'ELIGIBLE' then
            t := t + random() * interval '2 days';
            insert into referral_transition values (default, rid, 'ELIGIBLE', 'NO_SOLUTION', officer, t, null);
            update referral set status = 'NO_SOLUTION', no_solution_reason = no_solutions[1 + floor(random() * 3)::int],
                                last_transition_at = t where id = rid;
        elsif kind = 'HOME_CARE' and random() < 0.12 then
            -- The care took place, but the advisor never recorded its outcome (already reminded).
            update referral set status = 'CARE_ARRANGED', last_transition_at = t, outcome_reminder_sent_at = t
            where id = rid;
        else
            t := (last + 1)::timestamp + interval '10 hours';
            insert into referral_transition values (default, rid, 'CARE_ARRANGED', 'CLOSED', advisor, t, null);
            update referral set status = 'CLOSED', outcome = outcomes[1 + floor(random() * 6)::int], closed_at = t,
                                last_transition_at = t where id = rid;
        end if;
    end loop;
end;
$$
