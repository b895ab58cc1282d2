-- National scale (issue 12): an agency's list of referrals ("Mes orientations") is read in two steps, the page's ids
-- then their rows (referral.ReferralQueries). These indexes hold the filter, the order and the id, so that the first
-- step is an index-only scan: page 1,000 of an agency's 30,000 referrals skips index entries, not table rows.
drop index referral_organisation_created_idx;
create index referral_organisation_created_idx on referral (organisation_id, created_at desc, id desc);
drop index referral_organisation_transition_idx;
create index referral_organisation_transition_idx on referral (organisation_id, last_transition_at, id);
drop index referral_organisation_first_day_idx;
create index referral_organisation_first_day_idx on referral (organisation_id, first_day, id desc);
drop index referral_organisation_status_idx;
create index referral_organisation_status_idx on referral (organisation_id, status, created_at desc, id desc);
