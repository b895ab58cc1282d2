-- The audit trail of administrative changes: who, when, which entity, each changed field before -> after.
-- Written in the same transaction as the change; never updated or deleted.
create table audit_entry (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null,
    actor_id    bigint      references user_account (id),
    entity_type varchar(40) not null,
    entity_id   bigint      not null,
    -- What happened, e.g. CREATED, UPDATED, DEACTIVATED, LABEL_SUSPENDED.
    action      varchar(40) not null,
    -- [{"field": "phone", "before": "…", "after": "…"}, …]
    changes     jsonb       not null default '[]'
);
-- The administrators' list, newest first, optionally for one entity type or one entity.
create index audit_entry_occurred_idx on audit_entry (occurred_at desc, id desc);
create index audit_entry_entity_idx on audit_entry (entity_type, entity_id, occurred_at desc);
create index audit_entry_actor_idx on audit_entry (actor_id, occurred_at desc);

create trigger audit_entry_append_only
    before update or delete on audit_entry
    for each row execute function forbid_change();
create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function forbid_change();
