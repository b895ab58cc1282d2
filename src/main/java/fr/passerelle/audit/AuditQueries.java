package fr.passerelle.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import fr.passerelle.system.Pages;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the audit trail, newest first, one page at a time: two statements (rows with their actor's name, and the
 * count) served by audit_entry_occurred_idx, or audit_entry_type_occurred_idx for one entity type.
 */
@Component
public class AuditQueries {

    public static final int PAGE_SIZE = 30;

    /** One entry as the administrators' page shows it; {@code actorName} is null for the application itself. */
    public record Entry(long id, Instant occurredAt, Long actorId, String actorName, String entityType,
            long entityId, String action, List<FieldChange> changes) {
    }

    private static final String WHERE = """
            where (cast(:type as varchar) is null or a.entity_type = :type)
              and (cast(:from as timestamptz) is null or a.occurred_at >= :from)
              and (cast(:to as timestamptz) is null or a.occurred_at < :to)
            """;

    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditQueries(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Days are those of the configured zone: "to" includes the whole day. */
    @Transactional(readOnly = true)
    public Page<Entry> find(AuditFilter filter) {
        String type = filter.getEntityType() == null ? null : filter.getEntityType().name();
        Timestamp from = filter.getFrom() == null ? null
                : Timestamp.from(filter.getFrom().atStartOfDay(clock.getZone()).toInstant());
        Timestamp to = filter.getTo() == null ? null
                : Timestamp.from(filter.getTo().plusDays(1).atStartOfDay(clock.getZone()).toInstant());
        long total = jdbc.sql("select count(*) from audit_entry a " + WHERE)
                .param("type", type).param("from", from).param("to", to)
                .query(Long.class).single();
        PageRequest request = PageRequest.of(Pages.within(filter.getPage(), total, PAGE_SIZE), PAGE_SIZE);
        List<Entry> entries = jdbc.sql("""
                select a.id, a.occurred_at, a.actor_id, u.display_name, a.entity_type, a.entity_id, a.action,
                       a.changes::text as changes
                from audit_entry a left join user_account u on u.id = a.actor_id
                """ + WHERE + """
                order by a.occurred_at desc, a.id desc limit :limit offset :offset""")
                .param("type", type).param("from", from).param("to", to)
                .param("limit", request.getPageSize()).param("offset", request.getOffset())
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getObject("actor_id", Long.class), rs.getString("display_name"),
                        rs.getString("entity_type"), rs.getLong("entity_id"), rs.getString("action"),
                        json.readValue(rs.getString("changes"), CHANGES)))
                .list();
        return new PageImpl<>(entries, request, total);
    }
}
