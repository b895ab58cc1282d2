-- Unmet needs for communes (issue 20, statistics.UnmetNeeds): per commune, month, need and age band, the children of
-- referrals closed with no solution and of offers declined, for a Caf's territory over at most 24 months. Both
-- partial indexes keep the export to the rows it counts: a territory's events of two years are a few hundred
-- thousand on national data, its no-solution events a few thousand.

-- Referrals closed with no solution, by territory and day of the move.
create index statistics_event_no_solution_idx on statistics_event (departement_code, occurred_on)
    where kind = 'NO_SOLUTION';

-- Offers declined, by territory and time of the answer (the month they count in).
create index offer_declined_departement_idx on offer (departement_code, answered_at) where status = 'DECLINED';
