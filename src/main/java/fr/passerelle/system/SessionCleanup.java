package fr.passerelle.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Deletes the expired sessions from PostgreSQL, as a job like the others ({@link ExclusiveJobs}: one instance at a
 * time), in place of Spring Session's own cron, which every instance would run ({@code spring.session.jdbc.cleanup-cron}
 * is "-"). An expired session is refused whether or not its row is still there: this only keeps the table small.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "passerelle.session-cleanup", name = "enabled", havingValue = "true",
        matchIfMissing = true)
class SessionCleanup {

    static final String JOB = "session-cleanup";

    private final ObjectProvider<JdbcIndexedSessionRepository> sessions;
    private final ExclusiveJobs jobs;

    SessionCleanup(ObjectProvider<JdbcIndexedSessionRepository> sessions, ExclusiveJobs jobs) {
        this.sessions = sessions;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelayString = "${passerelle.session-cleanup.fixed-delay:PT1M}",
            initialDelayString = "${passerelle.session-cleanup.fixed-delay:PT1M}")
    void run() {
        sessions.ifAvailable(repository -> jobs.run(JOB, repository::cleanUpExpiredSessions));
    }
}
