package fr.passerelle.system;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions of Spring Session JDBC, which reads the session at the start of every request and saves it at the
 * end, each in a transaction of its own: plain JDBC ones rather than the application's JPA transactions, which
 * opened an entity manager (a Hibernate session) for each, never used by its SQL — a few percent of every signed-in
 * page. Same propagation as Spring Session's own (a new transaction, whatever runs around it).
 */
@Configuration(proxyBeanMethods = false)
class SessionTransactions {

    /** Taken by Spring Session JDBC for its name ({@code JdbcHttpSessionConfiguration#setTransactionOperations}). */
    @Bean
    TransactionOperations springSessionTransactionOperations(DataSource dataSource) {
        TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // Not a TransactionTemplate itself, so that the application's TransactionTemplate stays the only one.
        return new TransactionOperations() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                return template.execute(action);
            }
        };
    }

    /**
     * The application's {@link TransactionTemplate}, as Spring Boot declares it: Boot leaves its own out as soon as
     * any {@link TransactionOperations} bean exists, as the one above.
     */
    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }
}
