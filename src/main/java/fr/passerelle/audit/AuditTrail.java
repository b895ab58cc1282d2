package fr.passerelle.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

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

    /**
     * Records the same action on many entities in one statement, such as the rows of an import.
     *
     * @param changes each entity's id and what it changed, in the order to record them
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(Long actorId, String entityType, String action, Map<Long, Changes> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Long[] ids = changes.keySet().toArray(Long[]::new);
        String[] json = changes.values().stream().map(change -> this.json.writeValueAsString(change.list()))
                .toArray(String[]::new);
        jdbc.sql("""
                insert into audit_entry (occurred_at, actor_id, entity_type, entity_id, action, changes)
                select ?, ?, ?, entity.id, ?, cast(entity.changes as jsonb)
                from unnest(?, ?) with ordinality as entity (id, changes, position)
                order by entity.position""")
                .params(Timestamp.from(clock.instant()), actorId, entityType, action, ids, json)
                .update();
    }
}
