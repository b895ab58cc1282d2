package fr.passerelle.benchmark;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The round-trips of one page or one write, as recorded by every virtual user: latencies of the answers that
 * succeeded, the largest body, and every failure counted (the first few described).
 */
final class Measurement {

    private static final int FAILURES_DESCRIBED = 3;

    final String name;

    private long[] nanos = new long[1024];

    private int count;

    private int maxBytes;

    private int failures;

    private final Set<String> failureKinds = new LinkedHashSet<>();

    private long elapsedNanos;

    private Measurement alone;

    Measurement(String name) {
        this.name = name;
    }

    synchronized void record(VirtualUser.Answer answer) {
        if (answer.ok()) {
            succeeded(answer.nanos(), answer.body().length);
        }
        else {
            failed(answer.describe());
        }
    }

    synchronized void succeeded(long latencyNanos, int bytes) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
        maxBytes = Math.max(maxBytes, bytes);
    }

    synchronized void failed(String description) {
        failures++;
        if (failureKinds.size() < FAILURES_DESCRIBED) {
            failureKinds.add(description);
        }
    }

    /** Counts the failures of another measure of the same thing (its warm-up) as this one's. */
    void addFailures(Measurement other) {
        int count = other.failures();
        Set<String> kinds = other.failureKinds();
        synchronized (this) {
            failures += count;
            kinds.stream().limit(Math.max(0, FAILURES_DESCRIBED - failureKinds.size())).forEach(failureKinds::add);
        }
    }

    synchronized void elapsed(long nanos) {
        elapsedNanos = nanos;
    }

    /** The same page requested one at a time by one client: its failures count as this one's. */
    void alone(Measurement measure) {
        addFailures(measure);
        synchronized (this) {
            alone = measure;
        }
    }

    /** The median latency of the requests made alone, in milliseconds; NaN when there were none. */
    double aloneMedian() {
        Measurement measure;
        synchronized (this) {
            measure = alone;
        }
        return measure == null ? Double.NaN : measure.result().p50();
    }

    /** The 95th percentile of the requests made alone, in milliseconds; NaN when there were none. */
    double aloneP95() {
        Measurement measure;
        synchronized (this) {
            measure = alone;
        }
        return measure == null ? Double.NaN : measure.result().p95();
    }

    synchronized int failures() {
        return failures;
    }

    synchronized Set<String> failureKinds() {
        return new LinkedHashSet<>(failureKinds);
    }

    /** The figures of the table; percentiles by nearest rank over the sorted latencies. */
    synchronized Result result() {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        double seconds = elapsedNanos / 1e9;
        return new Result(name, count, failures, seconds > 0 ? count / seconds : Double.NaN,
                percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
                count == 0 ? Double.NaN : sorted[count - 1] / 1e6, maxBytes / 1024.0);
    }

    private static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** Latencies in milliseconds, sizes in KB (1,024 bytes). */
    record Result(String name, int requests, int failures, double perSecond, double p50, double p95, double p99,
            double max, double maxKb) {
    }
}
