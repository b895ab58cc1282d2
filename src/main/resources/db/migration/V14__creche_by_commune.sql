-- National scale (issue 12): a routing search reads the crèches of the family's commune, then of the rest of its EPCI,
-- then of its département (routing.CandidateSearch), each ring from its communes: an organisation is found by its
-- commune and kind instead of reading every crèche of the country.
create index organisation_commune_kind_idx on organisation (commune_code, kind);
