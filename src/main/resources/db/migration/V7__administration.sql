-- Administration of the registry, organisations and users.

-- Raised whenever an administrator disables an account, resets its password or changes its role or organisation:
-- a session opened before carries the old value and is ended at its next request (SessionValidityFilter), on
-- every instance, since the check reads the database.
alter table user_account add column session_stamp bigint not null default 0;

-- The administrators' user list: filters by role, organisation and enabled, ordered by username; the name search
-- is a substring match (trigram indexes; pg_trgm comes with V4).
create index user_account_role_username_idx on user_account (role, username);
create index user_account_enabled_username_idx on user_account (enabled, username);
create index user_account_display_name_trgm_idx on user_account using gin (lower(display_name) gin_trgm_ops);
create index user_account_username_trgm_idx on user_account using gin (username gin_trgm_ops);
-- "Is there another enabled administrator?", asked before disabling or demoting one.
create index user_account_enabled_admin_idx on user_account (id) where role = 'ADMIN' and enabled;

-- Organisations listed by kind then name (organisation_kind_name_uk), or every kind by name.
create index organisation_name_idx on organisation (lower(name));

-- EPCI picked by name or SIREN code when a home-care service's coverage is given by intercommunality.
create index epci_search_name_trgm_idx on epci using gin (territory_search_name(name) gin_trgm_ops);

-- The audit trail filtered by entity type, newest first.
create index audit_entry_type_occurred_idx on audit_entry (entity_type, occurred_at desc, id desc);
