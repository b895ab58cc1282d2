package fr.passerelle.organisation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import fr.passerelle.system.ExclusiveJobs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed password attempts per typed username, whether or not an account exists, and locks the username for
 * a while after too many failures. Kept in the database so that every application instance sees the same count.
 * <p>
 * The checks of one username run one at a time ({@link #serialised}): an attempt is counted only once its password
 * was found wrong, so that a correct password is never refused because other attempts are in flight, and parallel
 * wrong guesses still cannot get more tries than the limit, each seeing the count the previous one left. Within an
 * instance they queue on an in-memory lock (holding no database connection while they wait); across instances on a
 * PostgreSQL advisory lock of the username, taken in the transaction of the check.
 */
@Component
class LoginThrottle {

    /** The purge job's name, in its lock and its metrics. */
    static final String PURGE_JOB = "login-throttle-purge";

    /** The first key of the two-key advisory locks of usernames: a name space of their own ("LOGI"). */
    private static final int ADVISORY_LOCK_SPACE = 0x4c4f4749;

    private static final int STRIPES = 1024;

    private final JdbcClient jdbc;
    private final SignInProperties properties;
    private final Clock clock;
    private final ExclusiveJobs jobs;
    private final TransactionTemplate transactions;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    LoginThrottle(JdbcClient jdbc, SignInProperties properties, Clock clock, ExclusiveJobs jobs,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.jobs = jobs;
        this.transactions = new TransactionTemplate(transactionManager);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Runs {@code check} alone for this username, across threads and instances, in one transaction. The check returns
     * its outcome rather than throwing it, so that the failure it records is committed.
     */
    <T> T serialised(String username, Supplier<T> check) {
        String hash = hash(username);
        ReentrantLock stripe = stripes[Math.floorMod(hash.hashCode(), STRIPES)];
        stripe.lock();
        try {
            return transactions.execute(status -> {
                lockInTransaction(hash);
                return check.get();
            });
        }
        finally {
            stripe.unlock();
        }
    }

    /**
     * Waits for the checks of this username in other transactions to end, and holds the others off until this
     * transaction ends (for a check already in a transaction, such as a password change).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void lockUntilCommit(String username) {
        lockInTransaction(hash(username));
    }

    private void lockInTransaction(String hash) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)")
                .param(ADVISORY_LOCK_SPACE).param(hash.hashCode())
                .query((rs, row) -> 1).single();
    }

    @Transactional(readOnly = true)
    boolean isLocked(String username) {
        return lockedUntil(hash(username)).isPresent();
    }

    /** When the lock on this username ends, if it is locked now. */
    private Optional<Instant> lockedUntil(String hash) {
        return jdbc.sql("select locked_until from login_throttle where username_hash = ?")
                .param(hash)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .filter(lockedUntil -> lockedUntil.isAfter(clock.instant()));
    }

    /**
     * Counts a wrong password on this username; the failure that reaches the limit locks it. A count older than the
     * lockout duration, or left by a lock that has ended, starts again from one: a typo now and then never adds up to
     * a lock.
     *
     * @return whether the username is locked now
     */
    @Transactional
    boolean failed(String username) {
        // Microseconds, as PostgreSQL stores them.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return jdbc.sql("""
                insert into login_throttle as t (username_hash, failed_attempts, last_failure_at, locked_until)
                values (:hash, 1, :now, case when :max <= 1 then cast(:lockedUntil as timestamptz) end)
                on conflict (username_hash) do update set
                    failed_attempts = case
                        when t.last_failure_at < :staleBefore or t.locked_until <= :now then 1
                        else t.failed_attempts + 1 end,
                    last_failure_at = :now,
                    locked_until = case
                        when (case when t.last_failure_at < :staleBefore or t.locked_until <= :now then 1
                                   else t.failed_attempts + 1 end) >= :max then cast(:lockedUntil as timestamptz)
                        end
                returning locked_until is not null
                """)
                .param("hash", hash(username))
                .param("now", Timestamp.from(now))
                .param("max", properties.maxFailedLogins())
                .param("lockedUntil", Timestamp.from(now.plus(properties.lockoutDuration())))
                .param("staleBefore", Timestamp.from(now.minus(properties.lockoutDuration())))
                .query(Boolean.class)
                .single();
    }

    /** A correct password clears the count. */
    @Transactional
    void succeeded(String username) {
        jdbc.sql("delete from login_throttle where username_hash = ?").param(hash(username)).update();
    }

    /** Of these usernames, those locked now: one statement for a page of accounts. */
    @Transactional(readOnly = true)
    Set<String> lockedAmong(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Set.of();
        }
        Map<String, String> byHash = new HashMap<>();
        usernames.forEach(username -> byHash.put(hash(username), username));
        Set<String> locked = new HashSet<>();
        jdbc.sql("select username_hash from login_throttle where username_hash in (:hashes) and locked_until > :now")
                .param("hashes", byHash.keySet())
                .param("now", Timestamp.from(clock.instant()))
                .query(String.class)
                .list()
                .forEach(hash -> locked.add(byHash.get(hash)));
        return locked;
    }

    /** When the lock on this username ends, if it is locked now. */
    @Transactional(readOnly = true)
    Optional<Instant> lockedUntilOf(String username) {
        return lockedUntil(hash(username));
    }

    /**
     * Ends a lock and its count (an administrator's unlock).
     *
     * @return whether the username was locked
     */
    @Transactional
    boolean unlock(String username) {
        return jdbc.sql("delete from login_throttle where username_hash = :hash and locked_until > :now")
                .param("hash", hash(username))
                .param("now", Timestamp.from(clock.instant()))
                .update() > 0;
    }

    /** The hourly purge, one instance at a time. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purgeExpiredJob() {
        jobs.run(PURGE_JOB, this::purgeExpired);
    }

    /** Counts that can no longer lock anything are dropped, so that mistyped usernames do not pile up. */
    @Transactional
    public void purgeExpired() {
        Instant now = clock.instant();
        jdbc.sql("""
                delete from login_throttle
                where last_failure_at < :staleBefore and (locked_until is null or locked_until < :now)""")
                .param("staleBefore", Timestamp.from(now.minus(properties.lockoutDuration())))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The stored key: a SHA-256 of the normalised username, never the username itself. */
    static String hash(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(UserAccount.normaliseUsername(username).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }
}
