package fr.passerelle.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the server's JIT compiler is still busy, from the time it has spent compiling
 * ({@code jvm_compilation_time_ms_total} of {@code /actuator/prometheus}, read with the metrics account). On two
 * cores the C2 compiler has a core to itself for ten minutes or more after a start under load (seen: two thousand
 * methods queued thirteen minutes after a start, the benchmark finished): pages measured meanwhile share the cores
 * with it, and their ratios to the login page come out low. The warm-up goes on until a round compiles for less than
 * {@value #IDLE_SHARE_PERCENT} % of its time.
 */
final class JitCompilerWatch {

    static final int IDLE_SHARE_PERCENT = 3;

    private static final Pattern COMPILATION_TIME = Pattern.compile(
            "(?m)^jvm_compilation_time_ms_total\\{[^}]*}\\s+([0-9.eE+]+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI metrics;
    private final String authorization;
    private double compiledMillisAtStart;

    private JitCompilerWatch(URI metrics, String authorization) {
        this.metrics = metrics;
        this.authorization = authorization;
    }

    /** A watch over the server of {@code settings}; one that never finds it busy without the metrics password. */
    static JitCompilerWatch of(BenchmarkSettings settings) {
        if (settings.metricsPassword().isBlank()) {
            return new JitCompilerWatch(null, null);
        }
        String credentials = settings.metricsUsername() + ":" + settings.metricsPassword();
        return new JitCompilerWatch(settings.baseUrl().resolve("/actuator/prometheus"),
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether it reads the server's metrics (a metrics password was given). */
    boolean watching() {
        return metrics != null;
    }

    void start() {
        if (metrics != null) {
            compiledMillisAtStart = compiledMillis();
        }
    }

    /** Whether the JIT compiled for more than the idle share of {@code wall}, since {@link #start()}; printed. */
    boolean busyDuring(Duration wall, int round) {
        if (metrics == null) {
            return false;
        }
        double compiled = compiledMillis() - compiledMillisAtStart;
        double share = 100 * compiled / wall.toMillis();
        System.out.printf("Warm-up round %d: the server's JIT compiler worked %.0f ms in %d s (%.1f %%)%n", round,
                compiled, wall.toSeconds(), share);
        return share >= IDLE_SHARE_PERCENT;
    }

    private double compiledMillis() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics)
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher matcher = COMPILATION_TIME.matcher(response.body());
            if (response.statusCode() != 200 || !matcher.find()) {
                throw new IllegalStateException("No JIT compilation time at " + metrics + " (HTTP "
                        + response.statusCode() + "): check benchmark.metricsUsername and benchmark.metricsPassword");
            }
            return Double.parseDouble(matcher.group(1));
        }
        catch (IOException ex) {
            throw new IllegalStateException("Metrics unreadable at " + metrics, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
