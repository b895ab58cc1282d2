package fr.passerelle.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import fr.passerelle.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class AuditTrailTest {

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    final long entityId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE - 1);

    @Test
    void recordsEachChangedFieldBeforeAndAfterAndLeavesOutTheOthers() {
        transactions.executeWithoutResult(status -> audit.record(null, "TEST_ENTITY", entityId, "UPDATED",
                Changes.of().field("phone", "0102030405", "0607080910").field("name", "Même", "Même")
                        .field("email", "", "a@example.org")));

        String changes = jdbc.sql("select changes::text from audit_entry where entity_type = 'TEST_ENTITY' "
                + "and entity_id = ?").param(entityId).query(String.class).single();
        assertThat(changes).contains("\"field\": \"phone\"", "\"before\": \"0102030405\"", "\"after\": \"0607080910\"")
                .contains("\"field\": \"email\"", "\"before\": null").doesNotContain("\"name\"");
    }

    @Test
    void anUpdateThatChangedNothingIsNotRecorded() {
        transactions.executeWithoutResult(status -> audit.record(null, "TEST_ENTITY", entityId, "UPDATED",
                Changes.of().field("phone", "0102030405", "0102030405")));

        assertThat(entries()).isZero();
    }

    @Test
    void anEntryIsSavedOnlyWithTheChangeItRecords() {
        transactions.executeWithoutResult(status -> {
            audit.record(null, "TEST_ENTITY", entityId, "CREATED", Changes.of().created("name", "Nouveau"));
            status.setRollbackOnly();
        });

        assertThat(entries()).isZero();
        assertThatThrownBy(() -> audit.record(null, "TEST_ENTITY", entityId, "CREATED", Changes.of()))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void entriesCanNeverBeChangedOrDeleted() {
        transactions.executeWithoutResult(status -> audit.record(null, "TEST_ENTITY", entityId, "DEACTIVATED",
                Changes.of().field("active", true, false)));

        assertThatThrownBy(() -> jdbc.sql("update audit_entry set action = 'CREATED' where entity_id = ?")
                .param(entityId).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where entity_id = ?").param(entityId).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThat(entries()).isOne();
    }

    @Test
    void recordsManyEntitiesInOneGoInTheirOrder() {
        Map<Long, Changes> changes = new LinkedHashMap<>();
        changes.put(entityId, Changes.of().created("name", "Premier"));
        changes.put(entityId + 1, Changes.of().created("name", "Second"));

        transactions.executeWithoutResult(status -> audit.recordAll(null, "TEST_ENTITY", "IMPORTED", changes));

        assertThat(jdbc.sql("select entity_id, changes ->> 0 from audit_entry where entity_type = 'TEST_ENTITY' "
                        + "and entity_id in (?, ?) order by id").params(entityId, entityId + 1)
                .query((rs, row) -> rs.getLong(1) + " " + rs.getString(2)).list())
                .hasSize(2).first().asString().startsWith(entityId + " ").contains("Premier");
    }

    private long entries() {
        return jdbc.sql("select count(*) from audit_entry where entity_type = 'TEST_ENTITY' and entity_id = ?")
                .param(entityId).query(Long.class).single();
    }
}
