package fr.passerelle.routing.offer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.routing.OfferExpired;
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
 * Expires the offers nobody answered by their deadline and sends their referrals back to the top of the routing
 * queue, with a timeline row without actor (the system), or hands them on at once to their next candidate
 * ({@link AutomaticHandOn}, in the same transaction). Idempotent: an offer expires once, a second run finds
 * nothing. Safe with several instances: the scheduled runs go through {@link ExclusiveJobs} (one instance at a
 * time), and each due offer is locked with its referral before it expires, so that even two runs at once never expire
 * an offer twice.
 */
@Component
class OfferExpiry {

    /** The job's name, in its lock and its metrics. */
    static final String JOB = "offer-expiry";

    private static final Logger log = LoggerFactory.getLogger(OfferExpiry.class);

    private final OfferRepository offers;
    private final JdbcClient jdbc;
    private final RoutingProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AutomaticHandOn handOn;

    OfferExpiry(OfferRepository offers, JdbcClient jdbc, RoutingProperties properties,
            ApplicationEventPublisher events, Clock clock, AutomaticHandOn handOn) {
        this.handOn = handOn;
        this.offers = offers;
        this.jdbc = jdbc;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** Expires what is due now. */
    @Transactional
    int expireDue() {
        return expireDueAt(clock.instant());
    }

    /**
     * Expires the pending offers whose deadline is at or before {@code now}, at most the batch size (the next run
     * takes the rest). Each due offer's referral and offer rows are locked first ({@code for update … skip locked},
     * the order of every change of offers: referral, then offer): one that a provider is answering or an advisor
     * withdrawing at this very moment is skipped, not waited for, and the others expire; the next run looks at it
     * again if it is still pending. Rows read after their locks never conflict: the batch commits whole.
     *
     * @return how many offers expired
     */
    @Transactional
    int expireDueAt(Instant now) {
        // "now" truncated as PostgreSQL keeps it: rounded up, it could pick an offer due a microsecond later.
        List<Long> ids = jdbc.sql("""
                        select o.id from offer o join referral r on r.id = o.referral_id
                        where o.status = 'PENDING' and o.deadline_at <= ?
                        order by o.deadline_at, o.id
                        limit ?
                        for update of r, o skip locked""")
                .param(now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                .param(properties.expiry().batchSize())
                .query(Long.class).list();
        if (ids.isEmpty()) {
            return 0;
        }
        List<Offer> due = offers.findWithReferrals(ids);
        for (Offer offer : due) {
            offer.expire(now);
            if (offer.getReferral().getStatus() == ReferralStatus.OFFERED) {
                offer.getReferral().offerExpired(now);
            }
        }
        offers.flush();
        due.forEach(offer -> events.publishEvent(new OfferExpired(offer.getId())));
        // Each expired offer's referral, still locked by this run, may go at once to its next candidate.
        due.forEach(offer -> handOn.afterOfferEnded(offer, now.truncatedTo(ChronoUnit.MICROS)));
        log.info("{} offer(s) expired unanswered", due.size());
        return due.size();
    }

    /** Runs the job on this instance, unless {@code passerelle.routing.expiry.enabled} is false. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "passerelle.routing.expiry", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class Schedule {

        @Bean
        Job offerExpiryJob(OfferExpiry expiry, ExclusiveJobs jobs) {
            return new Job(expiry, jobs);
        }
    }

    /** The scheduled trigger. */
    static final class Job {

        private final OfferExpiry expiry;
        private final ExclusiveJobs jobs;

        Job(OfferExpiry expiry, ExclusiveJobs jobs) {
            this.expiry = expiry;
            this.jobs = jobs;
        }

        @Scheduled(fixedDelayString = "${passerelle.routing.expiry.fixed-delay:PT1M}",
                initialDelayString = "${passerelle.routing.expiry.fixed-delay:PT1M}")
        void run() {
            jobs.run(JOB, expiry::expireDue);
        }
    }
}
