-- Plausible dates (issue 17). The policy ranges are configurable and checked by the forms and the CSV import
-- (system.DatePolicy, passerelle.dates.*), with a French message next to the field; the bounds no configuration may
-- cross are kept here too, so that no other path (a script, a future feature) stores a date beyond them.

-- An AVIP label lasts at most five years, the length of the childminder's agreement it sits on (CASF L421-4).
alter table avip_label add constraint avip_label_at_most_five_years
    check (valid_to < valid_from + interval '5 years');

-- A care period is asked for at most two years ahead (passerelle.dates.care-horizon, 12 months by default, at most
-- P2Y), so that it never spans more than that.
alter table referral add constraint referral_care_period_at_most_two_years
    check (last_day is null or first_day is null or last_day <= first_day + interval '2 years');
