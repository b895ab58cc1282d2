-- National-scale data for load tests and benchmarks, run by demo.NationalData (Spring profile "national") after the
-- demo data: Cafs, France Travail agencies, childminders (30 % AVIP-labelled), home-care services, AVIP crèches and
-- three years of referrals with their children, timelines, eligibility decisions, offers and place holds.
--
-- Set-based: every table is filled by one "insert … select" over generate_series and temporary plan tables. Ids are
-- taken from the tables' own identity sequences while planning (nextval) and inserted with "overriding system
-- value", so that plans join on ids without reading the inserted rows back; the sequences stay right.
--
-- Each referral is planned as a whole story (created, sent, perhaps a question, the decision, offers one after the
-- other, the care, the outcome; or a withdrawal, a refusal, no solution) with the moment of every step; the steps
-- after now() are cut off, so the current status, the timeline, the decisions, the offers (at most one pending or
-- accepted) and the held places all follow from the same story and agree with the state machine.
--
-- Placeholders, replaced by NationalData before running: ${scale} (1 = national scale), ${seed} (setseed, -1..1)
-- and ${evry_agency} (the demo agency "France Travail Évry-Courcouronnes", whose advisors file 30,000 referrals).
-- The file is split into steps on the "-- step:" lines and into statements on lines ending with a semicolon; the
-- whole file runs in one transaction.
--
-- Nothing generated has an email address except the Cafs' shared desks (under .test): notifications are not
-- involved, since SQL publishes no event. Generated accounts (usernames "nat.…") share the demo accounts' password.

-- step: parameters and communes
-- JIT compilation costs seconds per statement here, more than it saves on these one-off plans.
set local jit = off;
set local work_mem = '256MB';
select setseed(${seed});
create temp table p on commit drop as
select ${scale}::float8 as scale,
       now() as now_ts,
       (now() at time zone 'Europe/Paris')::date as today,
       coalesce((select password_hash from user_account where username = 'agent.caf'),
                '{bcrypt}$2a$10$0000000000000000000000.matches.no.password.at.all.000000') as password_hash;
create temp table nm on commit drop as
select array['Sarah', 'Julie', 'Aminata', 'Nora', 'Fatoumata', 'Linh', 'Amandine', 'Sonia', 'Karima', 'Nadia',
             'Émilie', 'Laura', 'Camille', 'Manon', 'Inès', 'Yasmine', 'Chloé', 'Léa', 'Mélanie', 'Aurélie',
             'Céline', 'Sandrine', 'Jessica', 'Samira', 'Fatima', 'Mariam', 'Awa', 'Océane', 'Marine', 'Pauline',
             'Thomas', 'Nicolas', 'Kevin', 'Mohamed', 'Karim', 'Julien', 'Mehdi', 'Sofiane', 'Anthony', 'Maxime',
             'Youssef', 'Alexandre', 'David', 'Romain', 'Moussa', 'Lucas', 'Hugo', 'Bilal', 'Jérôme', 'Olivier']
           as parent_first,
       array['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
             'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
             'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez',
             'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Perrin',
             'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin',
             'Masson', 'Benali', 'Diallo', 'Traoré', 'Nguyen', 'Haddad', 'Koné', 'Mendy', 'Da Silva', 'Ferreira',
             'Yilmaz', 'Bouzid', 'Cissé', 'Lefèvre', 'Petitjean', 'Hoarau', 'Payet']
           as last,
       array['Inès', 'Léo', 'Jade', 'Louise', 'Gabriel', 'Raphaël', 'Emma', 'Adam', 'Lina', 'Noah', 'Ambre',
             'Arthur', 'Mia', 'Jules', 'Rose', 'Maël', 'Aya', 'Sacha', 'Alice', 'Louis', 'Nour', 'Ibrahim', 'Lucie',
             'Ethan', 'Zoé', 'Nathan', 'Sara', 'Yanis', 'Chloé', 'Amir', 'Lou', 'Hugo', 'Anna', 'Ismaël', 'Lya']
           as child_first,
       array['Sophie', 'Nadia', 'Fatou', 'Claire', 'Aïcha', 'Isabelle', 'Marie', 'Samia', 'Valérie', 'Khadija',
             'Nathalie', 'Émilie', 'Sandrine', 'Mariam', 'Laura', 'Céline', 'Hélène', 'Yasmina', 'Patricia',
             'Julie', 'Christine', 'Sylvie', 'Véronique', 'Catherine', 'Stéphanie', 'Virginie', 'Karine',
             'Delphine', 'Malika', 'Corinne', 'Annie', 'Brigitte']
           as minder_first,
       array['Les Petits Pas', 'Les Lucioles', 'Les Coccinelles', 'Les Petits Loups', 'Pirouette', 'Les Mésanges',
             'Arc-en-ciel', 'Les Frimousses', 'Les Galipettes', 'Les Papillons', 'Câlins et Bisous', 'Les Marmousets']
           as creche_name,
       array['Aide à domicile', 'Services à la personne', 'Garde d''enfants à domicile', 'Familles Services',
             'Domicile Services', 'Présence Famille'] as service_name,
       array['Merci de préciser la date et le lieu de l''entretien.', 'Le contrat de travail est-il signé ?',
             'Pouvez-vous confirmer l''inscription à France Travail ?', 'Merci de joindre la convocation à la formation.',
             'Les horaires de garde sont-ils définitifs ?'] as question,
       array['Entretien confirmé, convocation transmise.', 'Contrat signé, embauche à la date indiquée.',
             'Inscription confirmée.', 'Convocation transmise par courriel à la Caf.',
             'Horaires confirmés par l''employeur.'] as answer,
       array['La famille a trouvé une solution de garde.', 'L''entretien a été annulé.',
             'Le parent ne souhaite plus de garde.', 'La formation a été reportée.',
             'La famille a déménagé.'] as withdrawal,
       array['Crèche Les Lilas', 'Mairie', 'Hôpital', 'Supermarché', 'Afpa', 'Greta', 'Entrepôt logistique',
             'Agence d''intérim', 'Restaurant', 'Centre de formation'] as purpose_org;
create temp table cw on commit drop as
select insee_code, name, departement_code as dep, epci_code as epci, greatest(coalesce(population, 0), 0) as pop,
       count(*) over (partition by name) > 1 as name_shared
from commune;
create index on cw (dep);
create index on cw (epci);
analyze cw;
create temp table pop_total on commit drop as select sum(pop)::float8 as total from cw;

-- step: Cafs and their officers
insert into organisation (kind, name, departement_code, commune_code, contact_email)
select 'CAF', 'Caf ' || d.name || ' (' || d.code || ')', d.code,
       (select c.insee_code from cw c where c.dep = d.code order by c.pop desc, c.insee_code limit 1),
       'action-sociale@caf' || lower(d.code) || '.national.passerelle.test'
from departement d
where exists (select 1 from cw c where c.dep = d.code and c.pop > 0)
  and not exists (select 1 from organisation o where o.kind = 'CAF' and o.departement_code = d.code)
order by d.code;
insert into user_account (username, password_hash, display_name, role, organisation_id)
select 'nat.agent.caf' || lower(o.departement_code) || '.' || i, p.password_hash,
       'Agent Caf ' || o.departement_code || ' n° ' || i, 'CAF_OFFICER', o.id
from organisation o cross join p cross join generate_series(1, 2) i
where o.kind = 'CAF'
  and o.id = (select min(o2.id) from organisation o2 where o2.kind = 'CAF' and o2.departement_code = o.departement_code)
order by o.departement_code, i;
create temp table officer on commit drop as
select o.departement_code as dep, row_number() over (partition by o.departement_code order by u.id) - 1 as k,
       u.id as user_id
from user_account u join organisation o on o.id = u.organisation_id
where o.kind = 'CAF' and u.role = 'CAF_OFFICER' and u.enabled;
create temp table officer_n on commit drop as select dep, count(*)::int as n from officer group by dep;
create index on officer (dep, k);
analyze officer;

-- step: France Travail agencies and their advisors
-- About 900 agencies, by population: each département gets its share (at least one), placed where the cumulated
-- population of its communes (largest first) crosses each agency's share, so that Paris has many and a rural
-- département one. Communes that already have an agency (the demo ones) get no other.
create temp table agency on commit drop as
with loc as (
    select c.insee_code, c.name, c.name_shared, c.dep, c.epci,
           sum(c.pop) over (partition by c.dep order by c.pop desc, c.insee_code) as cum,
           sum(c.pop) over (partition by c.dep) as dep_pop
    from cw c
    where c.pop > 0
      and not exists (select 1 from organisation o
                      where o.kind = 'FRANCE_TRAVAIL_AGENCY' and o.commune_code = c.insee_code)
), share as (
    select dep, greatest(1, round(900 * p.scale * sum(pop) / t.total))::int as n
    from cw cross join p cross join pop_total t group by dep, p.scale, t.total having sum(pop) > 0
), site as (
    select s.dep, i,
           (select l.insee_code from loc l where l.dep = s.dep and l.cum >= (i - 0.5) / s.n * l.dep_pop
            order by l.cum limit 1) as commune
    from share s cross join generate_series(1, s.n) i
)
select nextval(pg_get_serial_sequence('organisation', 'id')) as org_id, s.dep, s.commune, c.epci,
       'France Travail ' || c.name
           || case when count(*) over (partition by s.commune) > 1
                   then ' ' || row_number() over (partition by s.commune order by s.i) else '' end
           || case when c.name_shared then ' (' || s.dep || ')' else '' end as name
from site s join cw c on c.insee_code = s.commune
order by s.dep, s.i;
insert into organisation (id, kind, name, departement_code, commune_code) overriding system value
select org_id, 'FRANCE_TRAVAIL_AGENCY', name, dep, commune from agency order by org_id;
insert into user_account (username, password_hash, display_name, role, organisation_id)
select 'nat.conseiller.' || a.org_id || '.' || i, p.password_hash,
       nm.parent_first[1 + (a.org_id * 7 + i * 13) % cardinality(nm.parent_first)] || ' '
           || nm.last[1 + (a.org_id * 11 + i * 17) % cardinality(nm.last)],
       'ADVISOR', a.org_id
from agency a cross join p cross join nm cross join generate_series(1, 3) i
order by a.org_id, i;
create index on agency (commune);
create index on agency (epci);
create index on agency (dep);
analyze agency;
-- Each commune's families are followed by an agency of the commune, else of its EPCI, else of its département.
create temp table commune_agency on commit drop as
select c.insee_code,
       coalesce((select a.org_id from agency a where a.commune = c.insee_code
                 order by hashtext(c.insee_code || a.org_id) limit 1),
                (select a.org_id from agency a where a.epci = c.epci and a.dep = c.dep
                 order by hashtext(c.insee_code || a.org_id) limit 1),
                (select a.org_id from agency a where a.dep = c.dep
                 order by hashtext(c.insee_code || a.org_id) limit 1)) as org_id
from cw c where c.pop > 0;
create index on commune_agency (insee_code);
create temp table advisor on commit drop as
select u.organisation_id as org_id, row_number() over (partition by u.organisation_id order by u.id) - 1 as k,
       u.id as user_id
from user_account u
where u.role = 'ADVISOR' and u.enabled
  and (u.organisation_id in (select org_id from agency) or u.organisation_id = ${evry_agency});
create temp table advisor_n on commit drop as select org_id, count(*)::int as n from advisor group by org_id;
create index on advisor (org_id, k);
analyze advisor;
analyze commune_agency;

-- step: childminders and AVIP labels
-- 250,000 childminders over the communes by population (rounded at random, so small communes have one now and
-- then); 30 % hold an AVIP label (most valid, some expired, suspended or revoked) and have an account.
create temp table cm on commit drop as
with n as (
    select c.insee_code, c.dep, c.epci, floor(c.pop::float8 * 250000 * p.scale / t.total + random())::int as n
    from cw c cross join p cross join pop_total t where c.pop > 0
), rows as (
    select n.insee_code, n.dep, n.epci, random() as u_label, random() as u_state, random() as u1, random() as u2,
           random() as u3, random() as u4
    from n cross join generate_series(1, n.n) i
    order by n.insee_code, i
)
select nextval(pg_get_serial_sequence('childminder', 'id')) as cm_id,
       nextval(pg_get_serial_sequence('organisation', 'id')) as org_id,
       r.*, r.u_label < 0.30 as labelled,
       nm.minder_first[1 + floor(r.u1 * cardinality(nm.minder_first))::int] as first_name,
       nm.last[1 + floor(r.u2 * cardinality(nm.last))::int] as last_name,
       case when r.u3 < 0.55 then 4 when r.u3 < 0.85 then 3 when r.u3 < 0.95 then 2 else 1 end as children_allowed
from rows r cross join nm;
alter table cm add column agreement_number text generated always as ('NAT-' || dep || '-' || lpad(cm_id::text, 7, '0')) stored;
insert into organisation (id, kind, name, departement_code, commune_code) overriding system value
select org_id, 'CHILDMINDER', first_name || ' ' || last_name || ' (' || agreement_number || ')', dep, insee_code
from cm order by org_id;
insert into childminder (id, organisation_id, first_name, last_name, agreement_number, agreement_end_date,
                         children_allowed, avip_places, phone, availability_notes, commune_code, active)
overriding system value
select cm.cm_id, cm.org_id, cm.first_name, cm.last_name, cm.agreement_number,
       -- A few agreements have lapsed; the others run up to five years.
       case when cm.u4 < 0.03 then p.today - (1 + floor(cm.u4 * 3000))::int
            else p.today + (30 + floor(cm.u4 * 1800))::int end,
       cm.children_allowed,
       case when cm.labelled then 1 + floor(cm.u1 * cm.children_allowed)::int
            else floor(cm.u1 * 2)::int % (cm.children_allowed + 1) end,
       '06' || lpad((cm.cm_id * 7919 % 100000000)::text, 8, '0'),
       case when cm.u2 < 0.3 then 'Disponible en semaine, de 7 h 30 à 18 h 30.' end,
       cm.insee_code, cm.u_state < 0.98 or cm.labelled
from cm cross join p order by cm.cm_id;
create temp table label on commit drop as
select nextval(pg_get_serial_sequence('avip_label', 'id')) as label_id, cm.cm_id, cm.dep,
       case when cm.u_state < 0.06 then 'EXPIRED' when cm.u_state < 0.08 then 'SUSPENDED'
            when cm.u_state < 0.09 then 'REVOKED' else 'ACTIVE' end as state,
       case when cm.u_state < 0.06 then p.today - (1100 + floor(cm.u3 * 700))::int
            else p.today - floor(cm.u3 * 1000)::int end as valid_from
from cm cross join p where cm.labelled order by cm.cm_id;
insert into avip_label (id, childminder_id, valid_from, valid_to, suspended_since, suspension_reason, revoked_at,
                        revocation_reason)
overriding system value
select l.label_id, l.cm_id, l.valid_from, (l.valid_from + interval '3 years' - interval '1 day')::date,
       case when l.state = 'SUSPENDED' then p.now_ts - interval '1 day' * (1 + l.label_id % 60) end,
       case when l.state = 'SUSPENDED' then 'Agrément en cours de réexamen par la PMI' end,
       case when l.state = 'REVOKED' then p.now_ts - interval '1 day' * (1 + l.label_id % 90) end,
       case when l.state = 'REVOKED' then 'Retrait d''agrément notifié par la PMI' end
from label l cross join p order by l.label_id;
insert into avip_label_event (label_id, kind, occurred_at, actor_id, reason)
select l.label_id, e.kind, e.occurred_at, o.user_id, e.reason
from label l cross join p
join officer o on o.dep = l.dep and o.k = 0
cross join lateral (
    select 'GRANTED' as kind, (l.valid_from + time '09:30') at time zone 'Europe/Paris' as occurred_at,
           null::text as reason
    union all
    select 'SUSPENDED', a.suspended_since, a.suspension_reason from avip_label a
    where a.id = l.label_id and l.state = 'SUSPENDED'
    union all
    select 'REVOKED', a.revoked_at, a.revocation_reason from avip_label a
    where a.id = l.label_id and l.state = 'REVOKED'
) e
order by l.label_id, e.occurred_at;
-- Labelled childminders answer offers: one account each.
create temp table cm_user on commit drop as
select cm.cm_id, cm.org_id, nextval(pg_get_serial_sequence('user_account', 'id')) as user_id
from cm where cm.labelled order by cm.cm_id;
insert into user_account (id, username, password_hash, display_name, role, organisation_id) overriding system value
select u.user_id, 'nat.am.' || u.cm_id, p.password_hash, cm.first_name || ' ' || cm.last_name, 'PROVIDER', u.org_id
from cm_user u join cm on cm.cm_id = u.cm_id cross join p order by u.user_id;

-- step: home-care services and AVIP crèches
-- 3,000 home-care services, by population of their EPCI, each covering every commune of it; 5,000 AVIP crèches
-- by commune population, with a few emergency places each.
create temp table svc on commit drop as
with e as (
    select c.epci, c.dep, sum(c.pop) as pop from cw c where c.epci is not null
    group by c.epci, c.dep
), main as (
    -- An EPCI spanning two départements counts once, in the département of most of its people.
    select distinct on (epci) epci, dep, (select sum(pop) from e e2 where e2.epci = e.epci) as pop
    from e order by epci, pop desc
), n as (
    select m.epci, m.dep, floor(m.pop::float8 * 3000 * p.scale / t.total + random())::int as n
    from main m cross join p cross join pop_total t
), rows as (
    select n.epci, n.dep, i, random() as u1, random() as u2,
           (select c.insee_code from cw c where c.epci = n.epci and c.dep = n.dep
            order by c.pop desc, c.insee_code offset (i - 1) % 3 limit 1) as commune
    from n cross join generate_series(1, n.n) i
    order by n.epci, i
)
select nextval(pg_get_serial_sequence('organisation', 'id')) as org_id,
       nextval(pg_get_serial_sequence('home_care_service', 'id')) as svc_id,
       nextval(pg_get_serial_sequence('user_account', 'id')) as user_id,
       r.epci, r.dep, r.commune, r.u1, r.u2,
       nm.service_name[1 + floor(r.u1 * cardinality(nm.service_name))::int] || ' ' || c.name
           || case when c.name_shared then ' (' || c.dep || ')' else '' end as base_name
from rows r join cw c on c.insee_code = r.commune cross join nm;
insert into organisation (id, kind, name, departement_code, commune_code) overriding system value
select org_id, 'HOME_CARE_SERVICE',
       base_name || case when row_number() over (partition by base_name order by org_id) > 1
                         then ' n° ' || row_number() over (partition by base_name order by org_id) else '' end,
       dep, commune
from svc order by org_id;
insert into home_care_service (id, organisation_id, under_three_approved, phone) overriding system value
select svc_id, org_id, u2 < 0.6, '01' || lpad((svc_id * 7919 % 100000000)::text, 8, '0') from svc order by svc_id;
insert into home_care_coverage (service_id, commune_code)
select s.svc_id, c.insee_code from svc s join cw c on c.epci = s.epci order by s.svc_id, c.insee_code;
insert into user_account (id, username, password_hash, display_name, role, organisation_id) overriding system value
select s.user_id, 'nat.sad.' || s.svc_id, p.password_hash, 'Responsable de secteur n° ' || s.svc_id, 'PROVIDER',
       s.org_id
from svc s cross join p order by s.user_id;
create temp table cr on commit drop as
with n as (
    select c.insee_code, c.dep, c.epci, c.name, c.name_shared,
           floor(c.pop::float8 * 5000 * p.scale / t.total + random())::int as n
    from cw c cross join p cross join pop_total t where c.pop > 0
), rows as (
    select n.*, i, random() as u1, random() as u2, random() as u3
    from n cross join generate_series(1, n.n) i order by n.insee_code, i
)
select nextval(pg_get_serial_sequence('organisation', 'id')) as org_id,
       nextval(pg_get_serial_sequence('creche', 'id')) as cr_id,
       nextval(pg_get_serial_sequence('user_account', 'id')) as user_id,
       r.insee_code, r.dep, r.epci, r.u2, r.u3,
       'Crèche AVIP ' || nm.creche_name[1 + floor(r.u1 * cardinality(nm.creche_name))::int] || ' ('
           || r.name || case when r.name_shared then ', ' || r.dep else '' end || ')' as base_name
from rows r cross join nm;
insert into organisation (id, kind, name, departement_code, commune_code) overriding system value
select org_id, 'AVIP_CRECHE',
       base_name || case when row_number() over (partition by base_name order by org_id) > 1
                         then ' n° ' || row_number() over (partition by base_name order by org_id) else '' end,
       dep, insee_code
from cr order by org_id;
insert into creche (id, organisation_id, total_places, emergency_places, phone) overriding system value
select cr_id, org_id, 20 + floor(u2 * 50)::int, 1 + floor(u3 * 5)::int,
       '01' || lpad((cr_id * 104729 % 100000000)::text, 8, '0')
from cr order by cr_id;
insert into user_account (id, username, password_hash, display_name, role, organisation_id) overriding system value
select c.user_id, 'nat.creche.' || c.cr_id, p.password_hash, 'Direction de crèche n° ' || c.cr_id, 'PROVIDER',
       c.org_id
from cr c cross join p order by c.user_id;

-- step: candidates for offers
-- Who an offer may go to: home-care services covering the commune; labelled childminders (label valid, not
-- suspended or revoked, agreement running) and crèches of the commune (level 1), the EPCI (2) or the département
-- (3), once per place they offer (AVIP places, emergency places). k numbers them in each place.
create temp table px on commit drop as
with pool as (
    select 'HOME_CARE' as kind, 1 as lvl, h.commune_code as key, s.svc_id as provider_id, s.org_id, s.user_id,
           1 as place
    from svc s join home_care_coverage h on h.service_id = s.svc_id
    union all
    select 'CHILDMINDER', l.lvl, l.key, cm.cm_id, cm.org_id, u.user_id, place
    from cm join cm_user u on u.cm_id = cm.cm_id join label on label.cm_id = cm.cm_id
    join childminder c on c.id = cm.cm_id cross join generate_series(1, c.avip_places) place
    cross join lateral (values (1, cm.insee_code), (2, cm.epci), (3, cm.dep)) l(lvl, key)
    where label.state = 'ACTIVE' and l.key is not null and c.agreement_end_date > (select today from p)
    union all
    select 'CRECHE', l.lvl, l.key, cr.cr_id, cr.org_id, cr.user_id, place
    from cr join creche c on c.id = cr.cr_id cross join generate_series(1, c.emergency_places) place
    cross join lateral (values (1, cr.insee_code), (2, cr.epci), (3, cr.dep)) l(lvl, key)
    where l.key is not null
)
select kind, lvl, key, row_number() over (partition by kind, lvl, key order by place, provider_id) - 1 as k,
       provider_id, org_id, user_id
from pool;
create index on px (kind, lvl, key, k);
create temp table pn on commit drop as select kind, lvl, key, count(*)::int as n from px group by kind, lvl, key;
-- For each commune and kind, where its offers go: the home-care services covering it; the childminders and
-- crèches of its EPCI (else of its département). EPCI do not overlap, so that the places held by accepted offers
-- can be spread over each pool without two pools filling the same provider. Offers then pick with hash joins.
create temp table cand on commit drop as
with kinds(kind) as (values ('HOME_CARE'), ('CHILDMINDER'), ('CRECHE')), m as (
    select k.kind, c.insee_code, pn.lvl, pn.key, pn.n
    from cw c cross join kinds k join pn on pn.kind = k.kind and pn.lvl = 1 and pn.key = c.insee_code
    union all
    select k.kind, c.insee_code, pn.lvl, pn.key, pn.n
    from cw c cross join kinds k join pn on pn.kind = k.kind and pn.lvl = 2 and pn.key = c.epci
    union all
    select k.kind, c.insee_code, pn.lvl, pn.key, pn.n
    from cw c cross join kinds k join pn on pn.kind = k.kind and pn.lvl = 3 and pn.key = c.dep
)
select distinct on (kind, insee_code) kind, insee_code as commune, lvl, key, n from m
where kind = 'HOME_CARE' or lvl > 1
order by kind, insee_code, lvl;
create index on cand (kind, commune);
analyze px;
analyze cand;

-- step: referral plan
-- 1,000,000 referrals: 30,000 filed by the demo agency of Évry-Courcouronnes for families of its EPCI, 48,000 more
-- in Essonne and 922,000 elsewhere, each commune by population.
create temp table cum on commit drop as
with g as (
    select 'EVRY' as grp, c.* from cw c
    where c.dep = '91' and c.epci = (select commune.epci_code from commune
                                     join organisation o on o.commune_code = commune.insee_code
                                     where o.id = ${evry_agency})
    union all
    select 'ESSONNE', c.* from cw c where c.dep = '91'
    union all
    select 'FRANCE', c.* from cw c where c.dep <> '91'
)
select grp, insee_code, sum(pop) over (partition by grp order by insee_code) as hi,
       sum(pop) over (partition by grp) as total
from g where pop > 0;
create index on cum (grp, hi);
analyze cum;
create temp table rsrc on commit drop as
with n as (
    select 'EVRY' as grp, round(30000 * p.scale)::int as n from p
    union all select 'ESSONNE', round(48000 * p.scale)::int from p
    union all select 'FRANCE', round(922000 * p.scale)::int from p
)
select nextval(pg_get_serial_sequence('referral', 'id')) as id, n.grp, floor(random() * g.total)::bigint as r
from n join (select distinct grp, total from cum) g on g.grp = n.grp cross join generate_series(1, n.n) i
order by n.grp, i;
create temp table rp on commit drop as
with a as (
    select s.id, s.grp,
           (select c.insee_code from cum c where c.grp = s.grp and c.hi > s.r order by c.hi limit 1) as commune,
           random() as u_need, random() as u_purpose, random() as u_children, random() as u_under3,
           random() as u_path, random() as u_info, random() as u_decision, random() as u_reason,
           random() as u_fail, random() as u_final, random() as u_after, random() as u_outcome,
           power(random(), 1.15) * 1095 as age_days, random() as u_hour, random() as u_consent,
           random() as d_submit, random() as d_info, random() as d_answer, random() as d_decision,
           random() as d_first, random() as d_last, random() as d_end, random() as d_close, random() as d_withdraw,
           random() as u_prov, random() as u_names, random() as u_flags, random() as u_days, random() as u_fail_kind
    from rsrc s
)
select a.*, c.dep, c.epci,
       case when a.grp = 'EVRY' then ${evry_agency} else ca.org_id end as org_id,
       -- Two names drawn from the lists (their search form is computed once per pair, below).
       1 + floor(a.u_names * cardinality(nm.last))::int as last_index,
       1 + floor(a.u_hour * 1000 * cardinality(nm.parent_first))::int % cardinality(nm.parent_first) as first_index,
       case when a.u_need < 0.25 then 'EMERGENCY_HOME_CARE' when a.u_need < 0.62 then 'OCCASIONAL'
            else 'REGULAR' end as need,
       case when a.u_purpose < 0.45 then 'JOB_INTERVIEW' when a.u_purpose < 0.75 then 'TRAINING'
            else 'JOB' end as purpose,
       case when a.u_children < 0.60 then 1 when a.u_children < 0.88 then 2 when a.u_children < 0.98 then 3
            else 4 end as n_children,
       a.u_under3 < 0.40 as under3,
       -- The story: an abandoned or withdrawn draft, a withdrawal after a question, a refusal, or routing.
       case when a.u_path < 0.03 then 'DRAFT' when a.u_path < 0.05 then 'DRAFT_WITHDRAWN'
            when a.u_info < 0.15 and a.u_path > 0.985 then 'INFO_WITHDRAWN'
            when a.u_decision < 0.12 then 'INELIGIBLE' else 'ELIGIBLE' end as path,
       a.u_info < 0.15 as info_requested,
       case when a.u_reason < 0.25 then 'CHILD_TOO_OLD' when a.u_reason < 0.45 then 'NOT_A_JOB_SEEKER'
            when a.u_reason < 0.60 then 'DATES_PASSED' when a.u_reason < 0.75 then 'DUPLICATE'
            when a.u_reason < 0.85 then 'OUTSIDE_TERRITORY' else 'OTHER' end as ineligibility_reason,
       case when a.u_fail < 0.60 then 0 when a.u_fail < 0.85 then 1 when a.u_fail < 0.95 then 2 else 3 end
           as n_fail,
       case when a.u_final < 0.82 then 'ACCEPT' when a.u_final < 0.92 then 'NO_SOLUTION'
            when a.u_final < 0.96 then 'WITHDRAWN_ELIGIBLE' else 'WITHDRAWN_OFFERED' end as final,
       case when a.u_after < 0.90 then 'CLOSED' when a.u_after < 0.94 then 'WITHDRAWN' else 'OPEN' end as after,
       -- Created on a working day's hours, over the last three years (a little more lately).
       least(p.now_ts - interval '1 minute' * (1 + a.u_hour * 30),
             ((p.today - floor(a.age_days)::int) + time '08:00' + interval '10 hours' * a.u_hour)
                 at time zone 'Europe/Paris') as t_created
from a join cw c on c.insee_code = a.commune
left join commune_agency ca on ca.insee_code = a.commune
cross join p cross join nm;
alter table rp add column creator bigint;
update rp set creator = adv.user_id
from advisor_n an, advisor adv
where an.org_id = rp.org_id and adv.org_id = rp.org_id and adv.k = rp.id % an.n;
create temp table parent_name on commit drop as
select l.i as last_index, f.i as first_index, l.name as last_name, f.name as first_name,
       territory_search_name(l.name || ' ' || f.name) as search_name
from nm cross join unnest(nm.last) with ordinality l(name, i) cross join unnest(nm.parent_first) with ordinality f(name, i);
analyze rp;

-- step: referral timing
-- The moment of each step. Delays are mostly short, with a tail: the Caf has backlogs, families take time.
create temp table rt on commit drop as
with t as (
    select rp.*,
           rp.t_created + interval '1 minute' * (5 + power(rp.d_submit, 3) * 2880) as t_submit,
           rp.t_created + interval '1 day' * (1 + rp.d_withdraw * 10) as t_draft_withdrawn
    from rp
), t2 as (
    select t.*,
           case when t.info_requested then t.t_submit + interval '1 hour' * (1 + power(t.d_info, 2) * 72) end
               as t_info
    from t
), t3 as (
    select t2.*,
           case when t2.info_requested then t2.t_info + interval '1 hour' * (2 + power(t2.d_answer, 3) * 500) end
               as t_answer,
           case when t2.info_requested then t2.t_info + interval '1 day' * (3 + t2.d_withdraw * 12) end
               as t_info_withdrawn
    from t2
), t4 as (
    select t3.*,
           coalesce(t3.t_answer, t3.t_submit)
               + case when t3.need = 'EMERGENCY_HOME_CARE'
                      then interval '1 minute' * (15 + power(t3.d_decision, 2) * 400)
                      else interval '1 hour' * (2 + power(t3.d_decision, 4) * 600) end as t_decision
    from t3
), t5 as (
    select t4.*,
           case when t4.path = 'INELIGIBLE' and t4.ineligibility_reason = 'DATES_PASSED'
                    then (t4.t_decision at time zone 'Europe/Paris')::date - (1 + floor(t4.d_first * 5))::int
                when t4.need = 'EMERGENCY_HOME_CARE'
                    then (t4.t_decision at time zone 'Europe/Paris')::date + floor(t4.d_first * 2)::int
                when t4.need = 'OCCASIONAL'
                    then (t4.t_submit at time zone 'Europe/Paris')::date + (3 + floor(t4.d_first * 12))::int
                else (t4.t_submit at time zone 'Europe/Paris')::date + (7 + floor(t4.d_first * 24))::int
           end as first_day
    from t4
)
select t5.*,
       case when t5.need = 'EMERGENCY_HOME_CARE' then case when t5.d_last < 0.5 then t5.first_day end
            when t5.need = 'OCCASIONAL' then case when t5.d_last < 0.8 then t5.first_day + floor(t5.d_last * 12)::int end
            else t5.first_day + (30 + floor(t5.d_last * 150))::int end as last_day,
       -- Whether anyone can be offered the family at all: a home-care service covering the commune for an
       -- emergency, a labelled childminder or a crèche in the département otherwise.
       case when t5.need = 'EMERGENCY_HOME_CARE' then hc.n is not null
            else cm.n is not null or cr.n is not null end as has_provider,
       cm.n is not null as has_childminder, cr.n is not null as has_creche
from t5
left join cand hc on hc.kind = 'HOME_CARE' and hc.commune = t5.commune
left join cand cm on cm.kind = 'CHILDMINDER' and cm.commune = t5.commune
left join cand cr on cr.kind = 'CRECHE' and cr.commune = t5.commune;
analyze rt;

-- step: offer plan
-- Offers one after the other: the failed ones (declined or expired), then the accepted one, or the one cancelled
-- by a withdrawal. Each waits a while in the routing queue before it is sent.
create temp table ro_plan on commit drop as
with n as (
    select rt.id, rt.t_decision, rt.need, rt.under3, rt.commune, rt.epci, rt.dep, rt.u_prov, rt.n_fail, rt.final,
           rt.first_day,
           rt.has_childminder, rt.has_creche,
           rt.n_fail + case when rt.final in ('ACCEPT', 'WITHDRAWN_OFFERED') then 1 else 0 end as n_offers
    from rt where rt.path = 'ELIGIBLE' and rt.has_provider
), o as (
    select n.*, j, random() as u_wait, random() as u_answer, random() as u_kind, random() as u_reason,
           case when j <= n.n_fail then case when random() < 0.7 then 'DECLINED' else 'EXPIRED' end
                when n.final = 'ACCEPT' then 'ACCEPTED' else 'CANCELLED' end as fate
    from n cross join generate_series(1, n.n_offers) j
), k as (
    select o.*,
           case when o.need = 'EMERGENCY_HOME_CARE' then 'HOME_CARE'
                when o.under3 and o.u_kind < 0.35 and o.has_creche then 'CRECHE'
                when o.has_childminder then 'CHILDMINDER'
                else 'CRECHE' end as provider_kind,
           case when o.need = 'EMERGENCY_HOME_CARE' then interval '1 minute' * (10 + power(o.u_wait, 2) * 240)
                else interval '1 hour' * (1 + power(o.u_wait, 3) * 96) end as wait
    from o
), d as (
    select k.*,
           case when k.provider_kind = 'HOME_CARE' then interval '24 hours' else interval '48 hours' end as delay
    from k
), r as (
    select d.*,
           case when d.fate = 'EXPIRED' then d.delay
                when d.fate = 'CANCELLED' then d.delay * (0.1 + 0.8 * d.u_answer)
                else d.delay * (0.01 + 0.9 * power(d.u_answer, 2)) end as response
    from d
), s as (
    select r.*,
           r.t_decision + sum(r.wait) over w + coalesce(sum(r.response) over w - r.response, interval '0')
               as sent_at,
           floor(r.u_prov * 1000000)::int + r.j as h
    from r
    window w as (partition by r.id order by r.j)
)
select nextval(pg_get_serial_sequence('offer', 'id')) as offer_id, s.id as referral_id, s.j, s.fate,
       s.provider_kind, s.delay, s.u_reason, s.dep, s.sent_at, s.sent_at + s.response as ended_at, s.first_day,
       s.h, c.lvl, c.key, c.n
from s join cand c on c.kind = s.provider_kind and c.commune = s.commune
order by s.id, s.j;
analyze ro_plan;
-- Accepted offers go round the places of their pool in the order of the care's first day, so that the places held
-- at one time spread over the providers as the capacity checks would spread them; the others go to a candidate
-- drawn by hash. (A narrow table of its own: sorting the whole plan rows would spill to disk.)
create temp table ro_pick on commit drop as
select o.offer_id, px.provider_id, px.org_id as provider_org, px.user_id as provider_user
from (
    select offer_id, provider_kind, lvl, key,
           case when fate = 'ACCEPTED'
                then (row_number() over (partition by provider_kind, lvl, key, fate = 'ACCEPTED'
                                         order by first_day, referral_id) - 1) % n
                else h % n end as k
    from ro_plan
) o
join px on px.kind = o.provider_kind and px.lvl = o.lvl and px.key = o.key and px.k = o.k;
create temp table ro on commit drop as
select p.*, k.provider_id, k.provider_org, k.provider_user
from ro_plan p join ro_pick k on k.offer_id = p.offer_id
order by p.offer_id;
create index on ro (referral_id, j);
analyze ro;
-- When the routing ended: the last offer's end (the decision when no offer was sent).
create temp table routed on commit drop as
select referral_id as id, max(ended_at) as at from ro group by referral_id;
create index on routed (id);
analyze routed;

-- step: timeline
-- Every step of every story, cut at now(): one row per move of the state machine.
create temp table ev on commit drop as
with rt as (
    select rt.*, coalesce(routed.at, rt.t_decision) as t_routed from rt left join routed on routed.id = rt.id
), steps as (
    select rt.id, rt.t_created as at, 1 as seq, null as from_status, 'DRAFT' as to_status, 'ADVISOR' as actor,
           null::text as comment, null::text as decision
    from rt
    union all
    select rt.id, rt.t_draft_withdrawn, 2, 'DRAFT', 'WITHDRAWN', 'ADVISOR', 'W', null
    from rt where rt.path = 'DRAFT_WITHDRAWN'
    union all
    select rt.id, rt.t_submit, 2, 'DRAFT', 'SUBMITTED', 'ADVISOR', null, null
    from rt where rt.path not in ('DRAFT', 'DRAFT_WITHDRAWN')
    union all
    select rt.id, rt.t_info, 3, 'SUBMITTED', 'INFORMATION_REQUESTED', 'OFFICER', 'Q', 'INFORMATION_REQUESTED'
    from rt where rt.path not in ('DRAFT', 'DRAFT_WITHDRAWN') and rt.info_requested
    union all
    select rt.id, rt.t_info_withdrawn, 4, 'INFORMATION_REQUESTED', 'WITHDRAWN', 'ADVISOR', 'W', null
    from rt where rt.path = 'INFO_WITHDRAWN'
    union all
    select rt.id, rt.t_answer, 4, 'INFORMATION_REQUESTED', 'SUBMITTED', 'ADVISOR', 'A', null
    from rt where rt.path in ('INELIGIBLE', 'ELIGIBLE') and rt.info_requested
    union all
    select rt.id, rt.t_decision, 5, 'SUBMITTED', rt.path, 'OFFICER',
           case when rt.path = 'INELIGIBLE' and rt.ineligibility_reason = 'OTHER' then 'I' end, rt.path
    from rt where rt.path in ('INELIGIBLE', 'ELIGIBLE')
    union all
    select ro.referral_id, ro.sent_at, 10 + 3 * ro.j, 'ELIGIBLE', 'OFFERED', 'OFFICER', null, null from ro
    union all
    select ro.referral_id, ro.ended_at, 11 + 3 * ro.j, 'OFFERED',
           case ro.fate when 'ACCEPTED' then 'CARE_ARRANGED' when 'CANCELLED' then 'WITHDRAWN' else 'ELIGIBLE' end,
           case ro.fate when 'EXPIRED' then 'SYSTEM' when 'CANCELLED' then 'ADVISOR' else 'PROVIDER' end,
           case when ro.fate = 'CANCELLED' then 'W' when ro.fate = 'DECLINED' and ro.u_reason >= 0.92 then 'D' end,
           null
    from ro
    union all
    select rt.id, rt.t_routed + interval '1 hour' * (1 + rt.d_end * 60), 30, 'ELIGIBLE', 'NO_SOLUTION', 'OFFICER',
           case when rt.d_close >= 0.9 and rt.has_provider then 'N' end, null
    from rt where rt.path = 'ELIGIBLE' and (rt.final = 'NO_SOLUTION' or not rt.has_provider)
    union all
    select rt.id, rt.t_routed + interval '1 hour' * (1 + rt.d_end * 100), 30, 'ELIGIBLE', 'WITHDRAWN', 'ADVISOR',
           'W', null
    from rt where rt.path = 'ELIGIBLE' and rt.has_provider and rt.final = 'WITHDRAWN_ELIGIBLE'
    union all
    -- After the care: the outcome, a few days after its last day (never before its first day), or a withdrawal
    -- before it starts.
    select rt.id,
           case when rt.after = 'CLOSED'
                then greatest(rt.t_routed + interval '1 hour',
                              ((coalesce(rt.last_day, rt.first_day) + floor(rt.d_close * 15)::int) + time '10:00'
                                  + interval '8 hours' * rt.d_end) at time zone 'Europe/Paris')
                else rt.t_routed + interval '1 hour' * (1 + rt.d_withdraw * 48) end,
           40, 'CARE_ARRANGED', case when rt.after = 'CLOSED' then 'CLOSED' else 'WITHDRAWN' end, 'ADVISOR',
           case when rt.after = 'WITHDRAWN' then 'W' when rt.u_outcome >= 0.95 then 'O' end, null
    from rt where rt.path = 'ELIGIBLE' and rt.has_provider and rt.final = 'ACCEPT' and rt.after <> 'OPEN'
)
select steps.* from steps cross join p where steps.at <= p.now_ts;
create index on ev (id, seq);
analyze ev;
create temp table cur on commit drop as
select distinct on (ev.id) ev.id, ev.to_status as status, ev.at as last_at from ev order by ev.id, ev.seq desc;
create index on cur (id);
create temp table queued on commit drop as
select distinct on (ev.id) ev.id, ev.at, ev.from_status = 'OFFERED' as returned
from ev where ev.to_status = 'ELIGIBLE' order by ev.id, ev.seq desc;
create index on queued (id);
analyze cur;
analyze queued;

-- step: referrals and children
insert into referral (id, organisation_id, created_by, creation_token, status, parent_last_name, parent_first_name,
                      parent_search_name, france_travail_id, job_seeker_attested, caf_number, phone, email,
                      commune_code, departement_code, single_parent, rsa_recipient, qpv_resident, purpose,
                      purpose_date, purpose_organisation, purpose_commune_code, need, first_day,
                      first_day_start_time, last_day, regular_days, regular_start_time, regular_end_time,
                      consent_given_on, consent_collected_by, submitted_at, last_transition_at, created_at,
                      routing_queued_at, routing_returned, outcome, outcome_comment, closed_at, no_solution_reason,
                      no_solution_comment, outcome_reminder_sent_at)
overriding system value
select rt.id, rt.org_id, rt.creator, md5('passerelle-national-' || rt.id)::uuid, cur.status,
       names.last_name, names.first_name, names.search_name,
       case when rt.t_created < p.now_ts - interval '1 year'
            then lpad((rt.id * 7919 % 10000000)::text, 7, '0') || chr(65 + (rt.id % 26)::int)
            else lpad((rt.id * 104729 % 100000000000)::text, 11, '0') end,
       not (rt.path = 'INELIGIBLE' and rt.ineligibility_reason = 'NOT_A_JOB_SEEKER'),
       case when rt.u_flags < 0.8 then lpad((rt.id * 31337 % 10000000)::text, 7, '0') end,
       '+336' || lpad((rt.id * 15485863 % 100000000)::text, 8, '0'), null,
       rt.commune, rt.dep, rt.u_flags < 0.35, rt.u_flags > 0.75, rt.u_flags between 0.15 and 0.40,
       rt.purpose, rt.first_day,
       nm.purpose_org[1 + floor(rt.u_names * 7919)::int % cardinality(nm.purpose_org)], rt.commune,
       rt.need, rt.first_day,
       case when rt.need <> 'REGULAR' then time '08:00' + interval '30 minutes' * floor(rt.d_first * 8) end,
       rt.last_day,
       case when rt.need = 'REGULAR' then case when rt.u_days < 0.5 then 31 else 1 + floor(rt.u_days * 30)::int end
            else 0 end,
       case when rt.need = 'REGULAR' then time '07:30' + interval '30 minutes' * floor(rt.u_days * 4) end,
       case when rt.need = 'REGULAR' then time '16:00' + interval '30 minutes' * floor(rt.u_days * 5) end,
       case when cur.status <> 'DRAFT' or rt.u_consent < 0.5 then (rt.t_created at time zone 'Europe/Paris')::date end,
       case when cur.status <> 'DRAFT' or rt.u_consent < 0.5 then rt.creator end,
       case when rt.path not in ('DRAFT', 'DRAFT_WITHDRAWN') and rt.t_submit <= p.now_ts then rt.t_submit end,
       cur.last_at, rt.t_created, queued.at, coalesce(queued.returned, false),
       case when cur.status = 'CLOSED' then
           case when rt.u_outcome >= 0.95 then 'OTHER' when rt.u_outcome >= 0.85 then 'DID_NOT_ATTEND'
                when rt.purpose = 'JOB_INTERVIEW' then 'INTERVIEW_ATTENDED'
                when rt.purpose = 'TRAINING' then 'TRAINING_STARTED' else 'JOB_STARTED' end end,
       case when cur.status = 'CLOSED' and rt.u_outcome >= 0.95 then 'Mission d''intérim de deux semaines.' end,
       case when cur.status = 'CLOSED' then cur.last_at end,
       case when cur.status = 'NO_SOLUTION' then
           case when not rt.has_provider then 'NO_PROVIDER_IN_AREA' when rt.d_close >= 0.9 then 'OTHER'
                when rt.n_fail > 0 then 'ALL_DECLINED' else 'NO_CAPACITY' end end,
       case when cur.status = 'NO_SOLUTION' and rt.has_provider and rt.d_close >= 0.9
            then 'La famille a refusé les solutions proposées.' end,
       -- The advisors were reminded of the outcomes to record long ago: the reminder job has nothing to catch up.
       case when cur.status = 'CARE_ARRANGED' and coalesce(rt.last_day, rt.first_day) < p.today
            then least(p.now_ts, ((coalesce(rt.last_day, rt.first_day) + 1) + time '09:00') at time zone 'Europe/Paris')
       end
from rt
join cur on cur.id = rt.id
left join queued on queued.id = rt.id
join parent_name names on names.last_index = rt.last_index and names.first_index = rt.first_index
cross join p cross join nm
order by rt.id;
-- Ages on the first day: under three for the crèche-age families, under ten otherwise; the first child of a family
-- refused as "child too old" is ten or eleven.
insert into referral_child (referral_id, position, first_name, birth_date)
select rt.id, i, nm.child_first[1 + ((rt.id * 31 + i * 7) % cardinality(nm.child_first))::int],
       rt.first_day - (interval '1 month' * months)::interval
from rt cross join nm cross join generate_series(1, rt.n_children) i
cross join lateral (
    select case when i = 1 and rt.path = 'INELIGIBLE' and rt.ineligibility_reason = 'CHILD_TOO_OLD'
                    then 121 + (rt.id % 20)::int
                when rt.under3 then 3 + ((rt.id * 13 + i * 11) % 32)::int
                else 3 + ((rt.id * 17 + i * 29) % 115)::int end as months
) age
order by rt.id, i;

-- step: timeline rows and eligibility decisions
insert into referral_transition (referral_id, from_status, to_status, actor_id, occurred_at, comment)
select ev.id, ev.from_status, ev.to_status,
       case ev.actor when 'ADVISOR' then rt.creator when 'OFFICER' then off.user_id
                     when 'PROVIDER' then ro.provider_user end,
       ev.at,
       case ev.comment
           when 'W' then nm.withdrawal[1 + (ev.id % cardinality(nm.withdrawal))::int]
           when 'Q' then nm.question[1 + (ev.id % cardinality(nm.question))::int]
           when 'A' then nm.answer[1 + (ev.id % cardinality(nm.answer))::int]
           when 'I' then 'Situation déjà couverte par une autre aide à la garde.'
           when 'D' then 'Période de congés.'
           when 'N' then 'La famille a refusé les solutions proposées.'
           when 'O' then 'Mission d''intérim de deux semaines.' end
from ev
join rt on rt.id = ev.id
join officer_n offn on offn.dep = rt.dep
join officer off on off.dep = rt.dep and off.k = (ev.id + ev.seq) % offn.n
left join ro on ev.actor = 'PROVIDER' and ro.referral_id = ev.id and ev.seq = 11 + 3 * ro.j
cross join nm
order by ev.at, ev.id, ev.seq;
-- The checklist as the officer saw it: every rule passed, but the one that explains a refusal.
insert into eligibility_decision (referral_id, decided_by, decided_at, outcome, reason, comment, justification,
                                  rule_results, parameters)
select ev.id, off.user_id, ev.at, ev.decision,
       case when ev.decision = 'INELIGIBLE' then rt.ineligibility_reason end,
       case when ev.decision = 'INFORMATION_REQUESTED' then nm.question[1 + (ev.id % cardinality(nm.question))::int]
            when ev.decision = 'INELIGIBLE' and rt.ineligibility_reason = 'OTHER'
                then 'Situation déjà couverte par une autre aide à la garde.' end,
       null,
       jsonb_build_array(
           case when ev.decision = 'INELIGIBLE' and rt.ineligibility_reason = 'CHILD_TOO_OLD'
                then jsonb_build_object('rule', 'CHILDREN_UNDER_AGE_LIMIT', 'outcome', 'FAILED',
                         'messageKey', 'eligibility.rule.CHILDREN_UNDER_AGE_LIMIT.failed.one',
                         'messageArguments', jsonb_build_array('10', '1'))
                else jsonb_build_object('rule', 'CHILDREN_UNDER_AGE_LIMIT', 'outcome', 'PASSED',
                         'messageKey', 'eligibility.rule.CHILDREN_UNDER_AGE_LIMIT.passed',
                         'messageArguments', jsonb_build_array('10')) end,
           case when ev.decision = 'INELIGIBLE' and rt.ineligibility_reason = 'NOT_A_JOB_SEEKER'
                then jsonb_build_object('rule', 'REGISTERED_JOB_SEEKER', 'outcome', 'CANNOT_TELL',
                         'messageKey', 'eligibility.rule.REGISTERED_JOB_SEEKER.cannot-tell',
                         'messageArguments', jsonb_build_array())
                else jsonb_build_object('rule', 'REGISTERED_JOB_SEEKER', 'outcome', 'PASSED',
                         'messageKey', 'eligibility.rule.REGISTERED_JOB_SEEKER.passed',
                         'messageArguments', jsonb_build_array()) end,
           jsonb_build_object('rule', 'ALLOWED_PURPOSE', 'outcome', 'PASSED',
               'messageKey', 'eligibility.rule.ALLOWED_PURPOSE.passed', 'messageArguments', jsonb_build_array()),
           jsonb_build_object('rule', 'FAMILY_IN_TERRITORY', 'outcome', 'PASSED',
               'messageKey', 'eligibility.rule.FAMILY_IN_TERRITORY.passed',
               'messageArguments', jsonb_build_array(rt.dep)),
           case when rt.first_day < (ev.at at time zone 'Europe/Paris')::date
                then jsonb_build_object('rule', 'FIRST_DAY_NOT_IN_PAST', 'outcome', 'FAILED',
                         'messageKey', 'eligibility.rule.FIRST_DAY_NOT_IN_PAST.failed',
                         'messageArguments', jsonb_build_array(to_char(rt.first_day, 'DD/MM/YYYY'),
                             to_char(ev.at at time zone 'Europe/Paris', 'DD/MM/YYYY')))
                else jsonb_build_object('rule', 'FIRST_DAY_NOT_IN_PAST', 'outcome', 'PASSED',
                         'messageKey', 'eligibility.rule.FIRST_DAY_NOT_IN_PAST.passed',
                         'messageArguments', jsonb_build_array(to_char(rt.first_day, 'DD/MM/YYYY'))) end),
       jsonb_build_object('today', to_char(ev.at at time zone 'Europe/Paris', 'YYYY-MM-DD'),
           'allowedPurposes', jsonb_build_array('JOB_INTERVIEW', 'TRAINING', 'JOB'), 'childAgeLimitYears', 10,
           'territoryDepartementCode', rt.dep)
from ev
join rt on rt.id = ev.id
join officer_n offn on offn.dep = rt.dep
join officer off on off.dep = rt.dep and off.k = (ev.id + ev.seq) % offn.n
cross join nm
where ev.decision is not null
order by ev.at, ev.id;

-- step: offers and place holds
-- An offer's fate is known only once it ended: until then it is pending (its deadline is still to come).
insert into offer (id, referral_id, provider_kind, provider_id, provider_organisation_id, message, sent_at, sent_by,
                   deadline_at, status, answered_at, answered_by, decline_reason, decline_comment, ended_at,
                   reminder_sent_at, departement_code)
overriding system value
select ro.offer_id, ro.referral_id, ro.provider_kind, ro.provider_id, ro.provider_org,
       case when ro.u_reason < 0.2 then 'Merci de confirmer rapidement.' end,
       ro.sent_at, off.user_id, ro.sent_at + ro.delay, s.status,
       case when s.status in ('ACCEPTED', 'DECLINED') then ro.ended_at end,
       case when s.status in ('ACCEPTED', 'DECLINED') then ro.provider_user end,
       case when s.status = 'DECLINED' then
           case when ro.u_reason < 0.35 then 'NO_CAPACITY' when ro.u_reason < 0.60 then 'DATES_UNAVAILABLE'
                when ro.u_reason < 0.75 then 'HOURS_UNSUITABLE' when ro.u_reason < 0.82 then 'AGE_NOT_ACCEPTED'
                when ro.u_reason < 0.92 then 'TOO_FAR' else 'OTHER' end end,
       case when s.status = 'DECLINED' and ro.u_reason >= 0.92 then 'Période de congés.' end,
       case when s.status in ('EXPIRED', 'CANCELLED') then ro.ended_at end,
       -- Pending offers whose deadline is near had their reminder: the reminder job has nothing to catch up.
       case when s.status = 'PENDING' and ro.sent_at + ro.delay - interval '4 hours' <= p.now_ts
            then greatest(ro.sent_at, ro.sent_at + ro.delay - interval '4 hours') end,
       ro.dep
from ro cross join p
join officer_n offn on offn.dep = ro.dep
join officer off on off.dep = ro.dep and off.k = (ro.offer_id) % offn.n
cross join lateral (select case when ro.ended_at <= p.now_ts then ro.fate else 'PENDING' end as status) s
where ro.sent_at <= p.now_ts
order by ro.offer_id;
-- A place per child, held by accepted offers of childminders and crèches from the first to the last day of care,
-- released when the outcome is recorded or the referral withdrawn.
insert into place_hold (offer_id, provider_kind, provider_id, first_day, last_day, places, held_at, released_at)
select o.id, o.provider_kind, o.provider_id, r.first_day, coalesce(r.last_day, r.first_day), rt.n_children,
       o.answered_at,
       case when r.status in ('CLOSED', 'WITHDRAWN') then r.last_transition_at end
from offer o
join ro on ro.offer_id = o.id
join referral r on r.id = o.referral_id
join rt on rt.id = r.id
where o.status = 'ACCEPTED' and o.provider_kind in ('CHILDMINDER', 'CRECHE')
order by o.id;
