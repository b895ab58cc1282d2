package fr.passerelle.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one way every scheduled job runs: at most one instance at a time runs a given job. Each run first takes a
 * PostgreSQL session-level advisory lock named after the job ({@code pg_try_advisory_lock}), on a connection of its
 * own held for the run; when another instance holds it, this run is skipped. The lock goes with the connection: an
 * instance that dies mid-run (or loses its database) frees it at once, nothing is left to expire. The job's work runs
 * in its own transactions, on other connections, so a job may commit in several steps (the outbox sends each email
 * in a transaction of its own) while the lock covers the whole run.
 * <p>
 * Every run is timed in the metric {@code passerelle.jobs} (tags {@code job} and {@code result}: {@code completed},
 * {@code skipped} when another instance was running it, {@code failed}).
 */
@Component
public class ExclusiveJobs {

    private static final Logger log = LoggerFactory.getLogger(ExclusiveJobs.class);

    /** What became of a run. */
    public enum Result { COMPLETED, SKIPPED, FAILED }

    private final DataSource dataSource;
    private final MeterRegistry meters;

    public ExclusiveJobs(DataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.meters = meters;
    }

    /**
     * Runs {@code work} unless another instance is running the job of that name. A failure is logged (without the
     * exception's message, which may hold data) and counted, never thrown: the scheduler runs the job again later.
     */
    public Result run(String job, Runnable work) {
        long start = System.nanoTime();
        Result result;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            long key = lockKey(job);
            if (!advisory(connection, "select pg_try_advisory_lock(?)", key)) {
                result = Result.SKIPPED;
            }
            else {
                try {
                    work.run();
                    result = Result.COMPLETED;
                }
                finally {
                    unlock(connection, key);
                }
            }
        }
        catch (SQLException | RuntimeException ex) {
            log.warn("Job {} failed: {}", job, DatabaseFailures.describe(ex));
            result = Result.FAILED;
        }
        Timer.builder("passerelle.jobs")
                .description("Runs of the scheduled jobs and their durations")
                .tag("job", job)
                .tag("result", result.name().toLowerCase())
                .register(meters)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    /** The advisory lock's key of a job: a stable 64-bit number drawn from its name. */
    public static long lockKey(String job) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("passerelle.job." + job).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }

    private static void unlock(Connection connection, long key) {
        try {
            if (!advisory(connection, "select pg_advisory_unlock(?)", key)) {
                log.warn("The advisory lock of a job was not held at its end");
            }
        }
        catch (SQLException ex) {
            // The connection is broken: its server process ends, and the lock with it. The pool drops the connection.
            log.warn("Could not release a job's advisory lock: {}", DatabaseFailures.describe(ex));
        }
    }

    private static boolean advisory(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
