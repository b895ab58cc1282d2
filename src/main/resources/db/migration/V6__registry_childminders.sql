-- The administrators' registry of childminders: where each one works, whether they are still in the registry
-- (nothing referenced is ever deleted: it is deactivated), and what the list pages filter, search and sort on.

-- The commune the childminder works in. Until now it was only the organisation's address; the registry filters and
-- routing need it on the childminder itself. Existing rows take their organisation's commune.
alter table childminder add column commune_code varchar(5) references commune (insee_code);
update childminder c set commune_code = o.commune_code from organisation o where o.id = c.organisation_id;
alter table childminder alter column commune_code set not null;

-- Deactivated childminders stay (labels, offers and the audit trail refer to them) but are offered nothing.
alter table childminder add column active boolean not null default true;

alter table childminder add constraint childminder_names_not_blank
    check (length(trim(first_name)) > 0 and length(trim(last_name)) > 0);
alter table childminder add constraint childminder_age_limit check (max_age_months <= 144);

-- Search: a prefix of the last name, of the first name (accents, case and punctuation ignored, as for communes) or
-- the agreement number. Generated, so that no code path can forget them; text_pattern_ops for "like 'prefix%'".
alter table childminder add column last_search_name text
    generated always as (territory_search_name(last_name)) stored;
alter table childminder add column first_search_name text
    generated always as (territory_search_name(first_name)) stored;
create index childminder_last_search_idx on childminder (last_search_name text_pattern_ops);
create index childminder_first_search_idx on childminder (first_search_name text_pattern_ops);
create index childminder_agreement_upper_idx on childminder (upper(agreement_number) text_pattern_ops);

-- The list's filters and its order (last name, first name, id).
create index childminder_commune_idx on childminder (commune_code, last_search_name, id);
create index childminder_order_idx on childminder (last_search_name, first_search_name, id);
create index childminder_active_idx on childminder (active, last_search_name, id);

-- The current label of a childminder is its latest row; the list and routing find it by (childminder_id, id).
create index avip_label_current_idx on avip_label (childminder_id, id desc);
-- "Expiring soon" and the routing query look labels up by their dates.
create index avip_label_valid_from_idx on avip_label (valid_from);

-- The history shows who did what: the events' actors.
create index avip_label_event_actor_idx on avip_label_event (actor_id);
