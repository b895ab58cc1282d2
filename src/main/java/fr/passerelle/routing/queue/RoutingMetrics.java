package fr.passerelle.routing.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import fr.passerelle.routing.OfferAccepted;
import fr.passerelle.routing.OfferDeclined;
import fr.passerelle.system.DatabaseFailures;
import fr.passerelle.system.PeriodicCounts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Routing's metrics: the gauges {@code passerelle.offers} (tag {@code state}: {@code pending}, {@code overdue} —
 * pending past their deadline), counted on the pending offers' partial index at most once per
 * {@code passerelle.metrics.refresh}; and the timer {@code passerelle.offers.answer.time} (tags {@code answer},
 * {@code provider_kind}), from an offer's sending to its provider's answer, recorded once the answer is committed.
 */
@Component
class RoutingMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(RoutingMetrics.class);

    private final JdbcClient jdbc;
    private final PeriodicCounts<String> offers;
    private MeterRegistry registry;

    RoutingMetrics(JdbcClient jdbc, Clock clock, @Value("${passerelle.metrics.refresh:PT1M}") Duration refresh) {
        this.jdbc = jdbc;
        this.offers = new PeriodicCounts<>("offer", refresh, () -> jdbc.sql("""
                        select count(*) as pending, count(*) filter (where deadline_at <= ?) as overdue
                        from offer where status = 'PENDING'""")
                .param(clock.instant().atOffset(ZoneOffset.UTC))
                .query((rs, n) -> Map.of("pending", rs.getLong("pending"), "overdue", rs.getLong("overdue")))
                .single());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        for (String state : new String[] {"pending", "overdue"}) {
            Gauge.builder("passerelle.offers", offers, c -> c.get(state))
                    .description("Offers waiting for their provider's answer, and those of them past their deadline")
                    .tag("state", state)
                    .register(registry);
        }
    }

    @TransactionalEventListener
    void on(OfferAccepted accepted) {
        recordAnswerTime(accepted.offerId(), "accepted");
    }

    @TransactionalEventListener
    void on(OfferDeclined declined) {
        recordAnswerTime(declined.offerId(), "declined");
    }

    /** After the commit: a failure here (the database gone meanwhile) loses a measure, never the answer. */
    private void recordAnswerTime(long offerId, String answer) {
        if (registry == null) {
            return;
        }
        try {
            jdbc.sql("""
                            select provider_kind, extract(epoch from answered_at - sent_at) from offer
                            where id = ? and answered_at is not null""")
                    .param(offerId)
                    .query((rs, n) -> Map.entry(rs.getString(1), Duration.ofMillis(Math.round(rs.getDouble(2) * 1000))))
                    .optional()
                    .ifPresent(row -> Timer.builder("passerelle.offers.answer.time")
                            .description("Time from an offer's sending to its provider's answer")
                            .tag("answer", answer)
                            .tag("provider_kind", row.getKey())
                            .register(registry)
                            .record(row.getValue()));
        }
        catch (RuntimeException ex) {
            log.warn("Could not measure the answer time of offer {}: {}", offerId, DatabaseFailures.describe(ex));
        }
    }
}
