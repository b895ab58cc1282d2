-- The purpose settings' rows are append-only (V26) through the project's own mechanism, forbid_change() (V4, as for
-- the audit trail), rather than a function of their own saying the same: an update or a delete is refused with the
-- table's name and SQLSTATE restrict_violation.
drop trigger purpose_setting_append_only on purpose_setting;
drop function purpose_setting_append_only();
create trigger purpose_setting_append_only before update or delete on purpose_setting
    for each row execute function forbid_change();
