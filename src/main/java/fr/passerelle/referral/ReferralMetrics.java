package fr.passerelle.referral;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import fr.passerelle.system.PeriodicCounts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code passerelle.referrals} (tag {@code status}): how many referrals are in each status, all territories
 * together. One grouped count over the status index ({@code referral_status_idx}), run at most once per
 * {@code passerelle.metrics.refresh} on each instance, however often the metrics are scraped.
 */
@Component
class ReferralMetrics implements MeterBinder {

    private final PeriodicCounts<String> counts;

    ReferralMetrics(JdbcClient jdbc, @Value("${passerelle.metrics.refresh:PT1M}") Duration refresh) {
        this.counts = new PeriodicCounts<>("referral", refresh, () -> {
            Map<String, Long> byStatus = new HashMap<>();
            jdbc.sql("select status, count(*) from referral group by status")
                    .query(rs -> {
                        byStatus.put(rs.getString(1), rs.getLong(2));
                    });
            return byStatus;
        });
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ReferralStatus status : ReferralStatus.values()) {
            Gauge.builder("passerelle.referrals", counts, c -> c.get(status.name()))
                    .description("Referrals in each status (refreshed at most once per passerelle.metrics.refresh)")
                    .tag("status", status.name())
                    .register(registry);
        }
    }
}
