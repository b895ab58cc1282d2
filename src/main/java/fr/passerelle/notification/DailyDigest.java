package fr.passerelle.notification;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.routing.queue.RoutingQueues;
import fr.passerelle.routing.queue.RoutingQueues.OfficerCounts;
import fr.passerelle.system.ExclusiveJobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Caf officers' daily digest: once a day, from the configured time, what waits in each territory (referrals to
 * examine, to route, offers pending and overdue), to each officer who has not switched it off; nothing when nothing
 * waits. Exactly once a day whatever the number of instances: the first to insert the day's
 * {@code notification_digest_run} row composes it, in the same transaction (a crash rolls the row back, and the next
 * run composes it again). The scheduled runs go through {@link ExclusiveJobs} like every job.
 */
@Component
class DailyDigest {

    /** The job's name, in its lock and its metrics. */
    static final String JOB = "daily-digest";

    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);

    private final JdbcClient jdbc;
    private final OrganisationRepository organisations;
    private final UserAccountRepository users;
    private final RoutingQueues queues;
    private final NotificationRecorder recorder;
    private final Wording wording;
    private final NotificationProperties properties;
    private final Clock clock;

    DailyDigest(JdbcClient jdbc, OrganisationRepository organisations, UserAccountRepository users,
            RoutingQueues queues, NotificationRecorder recorder, Wording wording, NotificationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.users = users;
        this.queues = queues;
        this.recorder = recorder;
        this.wording = wording;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    int composeIfDue() {
        return composeIfDueAt(clock.instant());
    }

    /**
     * Composes the day's digest if its time has come and no instance has composed it yet.
     *
     * @return how many officers were sent one
     */
    @Transactional
    int composeIfDueAt(Instant now) {
        ZonedDateTime local = now.atZone(clock.getZone());
        if (local.toLocalTime().isBefore(properties.digest().time())) {
            return 0;
        }
        LocalDate day = local.toLocalDate();
        int claimed = jdbc.sql("insert into notification_digest_run (day, ran_at) values (?, ?) on conflict do nothing")
                .params(Date.valueOf(day), now.atOffset(ZoneOffset.UTC)).update();
        if (claimed == 0) {
            return 0;
        }
        int told = 0;
        for (String departement : organisations.findActiveDepartements(OrganisationKind.CAF)) {
            OfficerCounts counts = queues.departementCounts(departement);
            if (counts.toReview() + counts.toRoute() + counts.offersPending() == 0) {
                continue;
            }
            List<UserAccount> officers = users.findEnabledInDepartement(departement, OrganisationKind.CAF,
                    Role.CAF_OFFICER).stream().filter(UserAccount::isDigestEnabled).toList();
            recorder.inApp(officers, NotificationKind.DAILY_DIGEST, "/officer", wording.in(Locale.FRENCH).date(day),
                    counts.toReview(), counts.toRoute(), counts.overdue());
            recorder.email(officers, NotificationKind.DAILY_DIGEST, locale -> mail(day, departement, counts, locale));
            told += officers.size();
        }
        log.info("Daily digest of {} composed for {} officer(s)", day, told);
        return told;
    }

    private Mail mail(LocalDate day, String departement, OfficerCounts counts, Locale locale) {
        Words words = wording.in(locale);
        return new Mail(words.get("notification.mail.DAILY_DIGEST.subject", words.date(day)),
                words.get("notification.mail.DAILY_DIGEST.title"),
                List.of(words.get("notification.mail.DAILY_DIGEST.body", departement)),
                List.of(words.fact("notification.mail.fact.toReview", Long.toString(counts.toReview())),
                        words.fact("notification.mail.fact.toRoute", Long.toString(counts.toRoute())),
                        words.fact("notification.mail.fact.pending", Long.toString(counts.offersPending())),
                        words.fact("notification.mail.fact.overdue", Long.toString(counts.overdue()))),
                words.action("notification.mail.action.officer", properties.link("/officer")), List.of());
    }

    /** Runs the job on this instance, unless {@code passerelle.notification.digest.enabled} is false. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "passerelle.notification.digest", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class Schedule {

        @Bean
        Job dailyDigestJob(DailyDigest digest, ExclusiveJobs jobs) {
            return new Job(digest, jobs);
        }
    }

    /** The scheduled trigger. */
    static final class Job {

        private final DailyDigest digest;
        private final ExclusiveJobs jobs;

        Job(DailyDigest digest, ExclusiveJobs jobs) {
            this.digest = digest;
            this.jobs = jobs;
        }

        @Scheduled(fixedDelayString = "${passerelle.notification.digest.check-every:PT5M}",
                initialDelayString = "PT1M")
        void run() {
            jobs.run(JOB, digest::composeIfDue);
        }
    }
}
