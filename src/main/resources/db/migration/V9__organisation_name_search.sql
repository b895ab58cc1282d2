-- Administrators find an organisation by part of its name (user forms, users search): there are as many
-- organisations as childminders, too many for a list.
create index organisation_name_search_idx on organisation using gin (lower(name) gin_trgm_ops);
