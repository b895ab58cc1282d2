package fr.passerelle.routing.offer;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import fr.passerelle.routing.OfferDeadlineNear;
import fr.passerelle.routing.OutcomeDue;
import fr.passerelle.routing.RoutingProperties;
import fr.passerelle.system.ExclusiveJobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds what must be recalled to someone, once: an offer still unanswered when its deadline is near
 * ({@link OfferDeadlineNear}, for its provider), a care period over without an outcome ({@link OutcomeDue}, for the
 * advisor). Each row is marked reminded in the transaction that publishes the event, so the notifications recorded by
 * the listeners and the mark commit together. Safe with several instances: the rows are locked
 * ({@code for update skip locked}) and the scheduled runs go through {@link ExclusiveJobs} (one instance at a time).
 */
@Component
class RoutingReminders {

    /** The job's name, in its lock and its metrics. */
    static final String JOB = "routing-reminders";

    private static final Logger log = LoggerFactory.getLogger(RoutingReminders.class);

    private final JdbcClient jdbc;
    private final RoutingProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RoutingReminders(JdbcClient jdbc, RoutingProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** Reminds what is due now. */
    @Transactional
    int remindDue() {
        return remindDueAt(clock.instant());
    }

    /**
     * Publishes the reminders due at {@code now}: offers pending whose deadline falls within
     * {@code passerelle.routing.reminder.before-deadline} (and has not passed), and arranged care whose last day is
     * before {@code now}'s day. At most the batch size of each; the next run takes the rest.
     *
     * @return how many reminders were published
     */
    @Transactional
    int remindDueAt(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        int batch = properties.reminder().batchSize();
        // Served by offer_reminder_due_idx. An offer a provider is answering right now is skipped: once answered it
        // needs no reminder.
        List<Long> offers = jdbc.sql("""
                        select id from offer
                        where status = 'PENDING' and reminder_sent_at is null
                          and deadline_at <= :soon and deadline_at > :now
                        order by deadline_at, id
                        limit :batch
                        for update skip locked""")
                .param("soon", at.plus(properties.reminder().beforeDeadline()).atOffset(ZoneOffset.UTC))
                .param("now", at.atOffset(ZoneOffset.UTC))
                .param("batch", batch)
                .query(Long.class).list();
        if (!offers.isEmpty()) {
            jdbc.sql("update offer set reminder_sent_at = :now where id in (:ids)")
                    .param("now", at.atOffset(ZoneOffset.UTC)).param("ids", offers).update();
            offers.forEach(id -> events.publishEvent(new OfferDeadlineNear(id)));
        }
        // Served by referral_outcome_reminder_due_idx.
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        List<Long> referrals = jdbc.sql("""
                        select id from referral
                        where status = 'CARE_ARRANGED' and outcome_reminder_sent_at is null
                          and coalesce(last_day, first_day) < :today
                        order by coalesce(last_day, first_day), id
                        limit :batch
                        for update skip locked""")
                .param("today", Date.valueOf(today))
                .param("batch", batch)
                .query(Long.class).list();
        if (!referrals.isEmpty()) {
            jdbc.sql("update referral set outcome_reminder_sent_at = :now where id in (:ids)")
                    .param("now", at.atOffset(ZoneOffset.UTC)).param("ids", referrals).update();
            referrals.forEach(id -> events.publishEvent(new OutcomeDue(id)));
        }
        int reminded = offers.size() + referrals.size();
        if (reminded > 0) {
            log.info("{} offer deadline reminder(s), {} outcome reminder(s)", offers.size(), referrals.size());
        }
        return reminded;
    }

    /** Runs the job on this instance, unless {@code passerelle.routing.reminder.enabled} is false. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "passerelle.routing.reminder", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class Schedule {

        @Bean
        Job routingReminderJob(RoutingReminders reminders, ExclusiveJobs jobs) {
            return new Job(reminders, jobs);
        }
    }

    /** The scheduled trigger. */
    static final class Job {

        private final RoutingReminders reminders;
        private final ExclusiveJobs jobs;

        Job(RoutingReminders reminders, ExclusiveJobs jobs) {
            this.reminders = reminders;
            this.jobs = jobs;
        }

        @Scheduled(fixedDelayString = "${passerelle.routing.reminder.fixed-delay:PT1M}",
                initialDelayString = "${passerelle.routing.reminder.fixed-delay:PT1M}")
        void run() {
            jobs.run(JOB, reminders::remindDue);
        }
    }
}
