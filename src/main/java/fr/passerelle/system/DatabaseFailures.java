package fr.passerelle.system;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.StringJoiner;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that cannot be reached (stopped, restarting, no connection left in the pool) from any other
 * error: the first answers 503 "try again in a moment" ({@link DatabaseUnavailableFilter}), the others stay 500.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** Whether {@code failure}, or any of its causes, says the database cannot be reached. */
    public static boolean isUnavailable(Throwable failure) {
        Set<Throwable> seen = new LinkedHashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01-57P03 (the server shutting down, crashed, or starting up) and
     * 53300 (too many connections).
     */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
    }

    /**
     * The exception's classes and SQL states, never its messages: a driver's message may quote the values of a row,
     * and no personal data goes to the logs.
     */
    public static String describe(Throwable failure) {
        StringJoiner chain = new StringJoiner(" <- ");
        Set<Throwable> seen = new LinkedHashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            String name = cause.getClass().getName();
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                name += " (SQLSTATE " + sql.getSQLState() + ")";
            }
            chain.add(name);
        }
        return chain.toString();
    }
}
