package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.support.IntegrationTest;

import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session JDBC reads and saves sessions in plain JDBC transactions, without an entity manager, while the
 * application's transactions stay JPA ones.
 */
@IntegrationTest
class SessionTransactionsTest {

    @Autowired
    JdbcIndexedSessionRepository sessions;

    @Autowired
    @Qualifier("springSessionTransactionOperations")
    TransactionOperations sessionTransactions;

    @Autowired
    TransactionTemplate applicationTransactions;

    @Autowired
    EntityManagerFactory entityManagers;

    @Test
    void theSessionStoreRunsInJdbcTransactionsWithoutAnEntityManager() {
        assertThat(ReflectionTestUtils.getField(sessions, "transactionOperations")).isSameAs(sessionTransactions);

        Boolean withEntityManager = sessionTransactions.execute(status ->
                TransactionSynchronizationManager.isActualTransactionActive()
                        && TransactionSynchronizationManager.hasResource(entityManagers));

        assertThat(withEntityManager).isFalse();
    }

    @Test
    void theApplicationsTransactionTemplateStaysOnJpa() {
        assertThat(applicationTransactions.getTransactionManager()).isInstanceOf(JpaTransactionManager.class);
        Boolean withEntityManager = applicationTransactions.execute(status ->
                TransactionSynchronizationManager.hasResource(entityManagers));

        assertThat(withEntityManager).isTrue();
    }
}
