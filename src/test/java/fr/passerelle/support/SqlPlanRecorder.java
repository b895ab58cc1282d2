package fr.passerelle.support;

import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestComponent;

/**
 * Records the SQL a piece of code runs, with its parameters (datasource-proxy), and reads the plan PostgreSQL would
 * choose for each: the way to catch a query that no index serves. Only the statements of the thread calling
 * {@link #record} are kept.
 */
@TestComponent
public class SqlPlanRecorder implements BeanPostProcessor {

    /** A statement as it ran: its SQL and the calls that set its parameters. */
    public record Recorded(String sql, List<ParameterSetOperation> parameters) {
    }

    private final ThreadLocal<List<Recorded>> recording = new ThreadLocal<>();

    private DataSource dataSource;

    /** The statements {@code action} ran. */
    public List<Recorded> record(SqlStatementCounter.Action action) throws Exception {
        List<Recorded> statements = new ArrayList<>();
        recording.set(statements);
        try {
            action.run();
        }
        finally {
            recording.remove();
        }
        return statements;
    }

    /**
     * The plan of a recorded statement, as {@code EXPLAIN (FORMAT JSON)} prints it, with the given settings first (such as
     * {@code set local enable_seqscan = off}, to see whether an index can serve it at all).
     */
    public String plan(Recorded statement, String... settings) throws SQLException {
        return explain(statement, "format json", settings);
    }

    /** {@code EXPLAIN (<options>)} of a recorded statement, as text lines, after the given settings. */
    public String explain(Recorded statement, String options, String... settings) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement set = connection.createStatement()) {
                    for (String setting : settings) {
                        set.execute(setting);
                    }
                }
                try (PreparedStatement explain = connection.prepareStatement("explain (" + options + ") " + statement.sql())) {
                    for (ParameterSetOperation operation : statement.parameters()) {
                        operation.getMethod().invoke(explain, operation.getArgs());
                    }
                    StringBuilder plan = new StringBuilder();
                    try (ResultSet lines = explain.executeQuery()) {
                        while (lines.next()) {
                            plan.append(lines.getString(1)).append('\n');
                        }
                    }
                    return plan.toString();
                }
                catch (IllegalAccessException | InvocationTargetException ex) {
                    throw new IllegalStateException("Could not set the parameters of " + statement.sql(), ex);
                }
            }
            finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource source && !(bean instanceof ProxyDataSource)) {
            DataSource proxy = ProxyDataSourceBuilder.create(source).listener(new Listener()).build();
            this.dataSource = proxy;
            return proxy;
        }
        return bean;
    }

    private final class Listener implements QueryExecutionListener {

        @Override
        public void beforeQuery(net.ttddyy.dsproxy.ExecutionInfo execution, List<QueryInfo> queries) {
        }

        @Override
        public void afterQuery(net.ttddyy.dsproxy.ExecutionInfo execution, List<QueryInfo> queries) {
            List<Recorded> statements = recording.get();
            if (statements == null) {
                return;
            }
            for (QueryInfo query : queries) {
                List<List<ParameterSetOperation>> parameters = query.getParametersList();
                statements.add(new Recorded(query.getQuery(),
                        parameters.isEmpty() ? List.of() : List.copyOf(parameters.get(0))));
            }
        }
    }
}
