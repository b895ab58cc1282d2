-- National scale (issue 12): the Caf's pending offers were found by joining every referral of the département, which
-- took 270 ms on national data. An offer now carries its referral's département (a referral never changes
-- département once sent), so that the officer's counts and lists read a small partial index of open offers.
alter table offer add column departement_code varchar(3);
update offer o set departement_code = r.departement_code from referral r where r.id = o.referral_id;
alter table offer alter column departement_code set not null;
alter table offer add constraint offer_departement_fk foreign key (departement_code) references departement (code);

-- The officer's pending offers, nearest deadline first, and the counts of pending and overdue ones.
create index offer_pending_departement_idx on offer (departement_code, deadline_at, id) where status = 'PENDING';
