package fr.passerelle.system;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts for gauges, read from the database at most once per period whatever the number of scrapes: a gauge of the
 * referrals by status must not count a million rows at each of Prometheus' visits. The first read after the period
 * runs the query again; a failed query keeps the last counts (or none: the gauge shows no value) and is tried again
 * after the same period, so that a database outage never slows a scrape down more than once per period.
 */
public final class PeriodicCounts<K> {

    private static final Logger log = LoggerFactory.getLogger(PeriodicCounts.class);

    private final String name;
    private final Duration period;
    private final Supplier<Map<K, Long>> query;
    private Map<K, Long> counts;
    private long readAt;
    private boolean read;

    public PeriodicCounts(String name, Duration period, Supplier<Map<K, Long>> query) {
        this.name = name;
        this.period = period;
        this.query = query;
    }

    /** The count of {@code key} (0 when the query found none), or NaN while no query has succeeded. */
    public synchronized double get(K key) {
        long now = System.nanoTime();
        if (!read || now - readAt >= period.toNanos()) {
            read = true;
            readAt = now;
            try {
                counts = Map.copyOf(query.get());
            }
            catch (RuntimeException ex) {
                log.warn("Could not refresh the {} counts: {}", name, DatabaseFailures.describe(ex));
            }
        }
        return counts == null ? Double.NaN : counts.getOrDefault(key, 0L);
    }
}
