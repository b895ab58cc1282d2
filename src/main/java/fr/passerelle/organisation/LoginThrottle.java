package fr.passerelle.organisation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import fr.passerelle.system.ExclusiveJobs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts password attempts per typed username, whether or not an account exists, and locks the username for a
 * while after too many failures. Kept in the database so that every application instance sees the same count.
 * <p>
 * An attempt is counted <em>before</em> its password is checked, in one statement, and a success clears the count:
 * so that logins sent in parallel cannot each slip through before any failure is recorded.
 */
@Component
class LoginThrottle {

    /** The purge job's name, in its lock and its metrics. */
    static final String PURGE_JOB = "login-throttle-purge";

    private final JdbcClient jdbc;
    private final SignInProperties properties;
    private final Clock clock;
    private final ExclusiveJobs jobs;

    LoginThrottle(JdbcClient jdbc, SignInProperties properties, Clock clock, ExclusiveJobs jobs) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.jobs = jobs;
    }

    /**
     * Counts one attempt on this username, unless it is locked.
     *
     * @return whether the password may be checked; {@code false} while the username is locked
     */
    @Transactional
    boolean tryAttempt(String username) {
        // Microseconds, as PostgreSQL stores them, so that the comparison in RETURNING is exact.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Timestamp at = Timestamp.from(now);
        // A count older than the lockout duration starts again from one: a typo now and then never adds up to a lock.
        // The attempt that reaches the limit is still checked, and sets the lock should it fail.
        return jdbc.sql("""
                insert into login_throttle (username_hash, failed_attempts, last_failure_at, locked_until)
                values (:hash, 1, :now, case when :max <= 1 then cast(:lockedUntil as timestamptz) end)
                on conflict (username_hash) do update set
                    failed_attempts = case
                        when login_throttle.locked_until > :now then login_throttle.failed_attempts
                        when login_throttle.last_failure_at < :staleBefore then 1
                        else login_throttle.failed_attempts + 1 end,
                    last_failure_at = case
                        when login_throttle.locked_until > :now then login_throttle.last_failure_at
                        else :now end,
                    locked_until = case
                        when login_throttle.locked_until > :now then login_throttle.locked_until
                        when login_throttle.last_failure_at >= :staleBefore
                             and login_throttle.failed_attempts + 1 >= :max then :lockedUntil
                        when login_throttle.last_failure_at < :staleBefore and :max <= 1 then :lockedUntil
                        else null end
                returning last_failure_at = :now
                """)
                .param("hash", hash(username))
                .param("now", at)
                .param("max", properties.maxFailedLogins())
                .param("lockedUntil", Timestamp.from(now.plus(properties.lockoutDuration())))
                .param("staleBefore", Timestamp.from(now.minus(properties.lockoutDuration())))
                .query(Boolean.class)
                .single();
    }

    @Transactional(readOnly = true)
    boolean isLocked(String username) {
        return jdbc.sql("select locked_until from login_throttle where username_hash = ?")
                .param(hash(username))
                .query(Timestamp.class)
                .optional()
                .map(lockedUntil -> lockedUntil.toInstant().isAfter(clock.instant()))
                .orElse(false);
    }

    /** A correct password clears the count. */
    @Transactional
    void succeeded(String username) {
        jdbc.sql("delete from login_throttle where username_hash = ?").param(hash(username)).update();
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
