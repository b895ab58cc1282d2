package fr.passerelle.audit;

import java.sql.Timestamp;
import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the audit trail. It joins the transaction of the change it records, so that a change and its audit entry
 * are saved together or not at all: calling it outside a transaction is a programming error.
 */
@Service
public class AuditTrail {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records that {@code actorId} did {@code action} on an entity. An update that changed nothing is not recorded.
     *
     * @param actorId the user who made the change, or {@code null} for the application itself (start-up, import job)
     * @param entityType a stable name such as {@code CHILDMINDER}, {@code AVIP_LABEL}, {@code USER}
     * @param action what happened, such as {@code CREATED}, {@code UPDATED}, {@code DEACTIVATED}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Long actorId, String entityType, long entityId, String action, Changes changes) {
        if (changes.isEmpty() && "UPDATED".equals(action)) {
            return;
        }
        jdbc.sql("""
                insert into audit_entry (occurred_at, actor_id, entity_type, entity_id, action, changes)
                values (?, ?, ?, ?, ?, cast(? as jsonb))""")
                .params(Timestamp.from(clock.instant()), actorId, entityType, entityId, action,
                        json.writeValueAsString(changes.list()))
                .update();
    }
}
