package fr.passerelle.relais;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.AuditedEntity;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The relais's follow-up log of a childminder: support actions appended by its facilitators, never changed nor
 * deleted (a trigger refuses it), each audited.
 */
@Service
class FollowUpLog {

    static final String ENTITY = AuditedEntity.FOLLOW_UP.name();

    /** The log shows the latest actions; older ones stay in the database and the audit trail. */
    static final int SHOWN = 100;

    /** One support action, with who recorded it. */
    record Entry(long id, FollowUpKind kind, LocalDate happenedOn, String note, String recordedBy,
            Instant recordedAt) {
    }

    private final RelaisScope scope;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    FollowUpLog(RelaisScope scope, AuditTrail audit, JdbcClient jdbc, Clock clock) {
        this.scope = scope;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The childminder's log kept by the facilitator's relais, newest first. */
    @Transactional(readOnly = true)
    List<Entry> entries(CurrentUser facilitator, long childminderId) {
        return jdbc.sql("""
                        select f.id, f.kind, f.happened_on, f.note, u.display_name, f.recorded_at
                        from relais_follow_up f join user_account u on u.id = f.recorded_by
                        where f.childminder_id = ? and f.relais_organisation_id = ?
                        order by f.happened_on desc, f.id desc limit ?""")
                .params(childminderId, RelaisScope.relaisOf(facilitator), SHOWN)
                .query((rs, n) -> new Entry(rs.getLong(1), FollowUpKind.valueOf(rs.getString(2)),
                        rs.getDate(3).toLocalDate(), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    /**
     * Appends an action; the same form posted again (a double click) records nothing more.
     *
     * @return the new entry's id, empty when the form had already been recorded
     */
    @Transactional
    Optional<Long> record(CurrentUser facilitator, long childminderId, FollowUpForm form) {
        scope.requireChildminder(facilitator, childminderId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Long> id = jdbc.sql("""
                        insert into relais_follow_up (relais_organisation_id, childminder_id, kind, happened_on, note,
                                                      recorded_by, recorded_at, request_token)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (request_token) do nothing
                        returning id""")
                .params(RelaisScope.relaisOf(facilitator), childminderId, form.getKind().name(),
                        Date.valueOf(form.getHappenedOn()), form.getNote().strip(), facilitator.getUserId(),
                        now.atOffset(ZoneOffset.UTC), form.getRequestToken())
                .query(Long.class).optional();
        id.ifPresent(entry -> audit.record(facilitator.getUserId(), ENTITY, entry, "FOLLOW_UP_RECORDED",
                Changes.of().created("childminder", childminderId).created("kind", form.getKind())
                        .created("happenedOn", form.getHappenedOn())));
        return id;
    }
}
