package fr.passerelle.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements a piece of code runs, to catch N+1 queries. It wraps the application's
 * {@link DataSource}, so it sees every statement, those of JPA and those of {@code JdbcClient} alike (Hibernate's own
 * statistics miss the latter). Only the statements of the thread calling {@link #count(Action)} are counted: MockMvc
 * runs a request on the test's thread, and background jobs on other threads do not disturb the count.
 */
@TestComponent
public class SqlStatementCounter implements BeanPostProcessor {

    /** What is measured: typically {@code () -> mvc.perform(...)}. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private static final Set<String> STATEMENT_FACTORIES = Set.of("createStatement", "prepareStatement",
            "prepareCall");

    private static final Set<String> ENDS_TRANSACTION = Set.of("commit", "rollback");

    private final ThreadLocal<long[]> recording = new ThreadLocal<>();

    /** How many statements {@code action} prepared or created, but the session store's. */
    public long count(Action action) throws Exception {
        return record(action)[0];
    }

    /** How many statements of the session store (Spring Session's) {@code action} prepared or created. */
    public long countSessionStore(Action action) throws Exception {
        return record(action)[1];
    }

    /**
     * How many transactions ran statements of {@code action}, but the session store's: commits (and rollbacks) of a
     * connection that prepared or created such a statement since its last one. A statement run outside a transaction
     * (auto-commit) is not one.
     */
    public long countTransactions(Action action) throws Exception {
        return record(action)[2];
    }

    /** What {@code action} did: the page's statements, the session store's, the page's transactions. */
    private long[] record(Action action) throws Exception {
        long[] counter = new long[3];
        recording.set(counter);
        try {
            action.run();
        }
        finally {
            recording.remove();
        }
        return counter;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof CountingDataSource)) {
            return new CountingDataSource(dataSource);
        }
        return bean;
    }

    /**
     * The session store's own statements (Spring Session reads and writes the session around every request, whatever
     * the page) are not the page's.
     */
    private static boolean isSessionStore(Object[] args) {
        return args != null && args.length > 0 && args[0] instanceof String sql
                && sql.toUpperCase(java.util.Locale.ROOT).contains("SPRING_SESSION");
    }

    private final class CountingDataSource extends DelegatingDataSource {

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counting(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counting(super.getConnection(username, password));
        }

        private Connection counting(Connection connection) {
            // Whether the connection's current transaction prepared or created one of the page's statements.
            boolean[] pageStatements = new boolean[1];
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        long[] counter = recording.get();
                        if (counter != null && STATEMENT_FACTORIES.contains(method.getName())) {
                            boolean sessionStore = isSessionStore(args);
                            counter[sessionStore ? 1 : 0]++;
                            pageStatements[0] |= !sessionStore && !connection.getAutoCommit();
                        }
                        if (ENDS_TRANSACTION.contains(method.getName()) && (args == null || args.length == 0)) {
                            if (counter != null && pageStatements[0]) {
                                counter[2]++;
                            }
                            pageStatements[0] = false;
                        }
                        try {
                            return method.invoke(connection, args);
                        }
                        catch (InvocationTargetException ex) {
                            throw ex.getCause();
                        }
                    });
        }
    }
}
