package fr.passerelle.benchmark;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * What the benchmark runs against and for how long. Each setting is a system property ({@code -Dbenchmark.clients=8})
 * or, failing that, an environment variable ({@code BENCHMARK_CLIENTS=8}); the defaults fit the demo data.
 *
 * @param baseUrl the running application; a loopback address only, so that no one else's server is loaded
 * @param clients concurrent virtual users on each page
 * @param warmUp how long each page is requested before it is measured
 * @param warmUpRounds rounds over every page (each {@code warmUp} long, nothing recorded) before any is measured: on
 *        two cores, the JIT compiler goes on compiling the request path for minutes after an application starts (seen:
 *        a thousand methods queued three minutes after a start), and a page measured meanwhile shares the cores with it
 * @param maxWarmUpRounds with {@code metricsPassword}: warm-up rounds go on past {@code warmUpRounds}, up to this
 *        many, while the server's JIT compiler is still busy ({@link JitCompilerWatch})
 * @param metricsUsername the application's metrics account ({@code passerelle.metrics.username})
 * @param metricsPassword its password ({@code passerelle.metrics.password}); blank: {@code warmUpRounds} rounds only
 * @param duration how long each page is measured
 * @param maxRequests bound on the requests measured per page, whatever the duration
 * @param writeClients concurrent virtual users running the write journey
 * @param journeys write journeys measured in all (after the writes' warm-up)
 * @param writeWarmUpRounds rounds of warm-up journeys (five per write client each) before the writes are measured;
 *        with {@code metricsPassword}, they go on up to {@code maxWriteWarmUpRounds} while the server's JIT compiler
 *        is still busy
 * @param maxWriteWarmUpRounds bound on the writes' warm-up rounds: each journey leaves a referral arranged this week
 *        in the same département for the same service, which later runs' pages read
 * @param writeTimeLimit the write phase stops there, journeys done or not
 * @param advisorDeepPage query string of the advisor's list deep page; blank: page 1,000, reached by following the
 *        list's "next page" links from the first
 * @param only a regular expression: only the pages whose name it finds are measured, with the login page (all
 *        when blank); {@code journeys=0} leaves out the writes
 * @param routingReferralId the eligible referral whose candidates page is measured; {@code null}: the first one
 *        of the routing queue
 */
record BenchmarkSettings(URI baseUrl, int clients, Duration warmUp, int warmUpRounds, int maxWarmUpRounds,
        String metricsUsername, String metricsPassword, Duration duration,
        int maxRequests,
        int writeClients, int journeys, int writeWarmUpRounds, int maxWriteWarmUpRounds,
        Duration writeTimeLimit, String password,
        String officer, String advisor, String provider, String admin, String advisorDeepPage,
        Long routingReferralId, String commune,
        String providerName, String only) {

    static BenchmarkSettings fromEnvironment() {
        BenchmarkSettings settings = new BenchmarkSettings(
                URI.create(text("baseUrl", "http://localhost:8080").replaceAll("/+$", "")),
                number("clients", 32),
                Duration.ofSeconds(number("warmUpSeconds", 3)),
                number("warmUpRounds", 3),
                number("maxWarmUpRounds", 20),
                text("metricsUsername", "metrics"),
                text("metricsPassword", ""),
                Duration.ofSeconds(number("seconds", 20)),
                number("maxRequests", 200_000),
                number("writeClients", 8),
                number("journeys", 80),
                number("writeWarmUpRounds", 4),
                number("maxWriteWarmUpRounds", 8),
                Duration.ofSeconds(number("writeSeconds", 120)),
                text("password", "demo-passerelle"),
                text("officer", "agent.caf"),
                text("advisor", "conseiller.evry"),
                text("provider", "sad.essonne"),
                text("admin", "admin.caf"),
                text("advisorDeepPage", ""),
                text("routingReferralId", "").isBlank() ? null : Long.valueOf(text("routingReferralId", "")),
                // The journey's family lives there, and the provider below covers it (demo data: both in Essonne).
                text("commune", "Évry-Courcouronnes"),
                text("providerName", "Essonne Services à Domicile"),
                text("only", ""));
        settings.requireLoopback();
        return settings;
    }

    /** A load test sent to another machine would be an attack on it: only this machine is accepted. */
    private void requireLoopback() {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(baseUrl.getHost());
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("benchmark.baseUrl must be a loopback address, not " + baseUrl);
                }
            }
        }
        catch (UnknownHostException ex) {
            throw new IllegalArgumentException("Unknown host in benchmark.baseUrl: " + baseUrl, ex);
        }
        if (clients < 1 || writeClients < 1 || journeys < 0 || writeWarmUpRounds < 0 || duration.isZero()
                || maxRequests < 1) {
            throw new IllegalArgumentException("clients, writeClients, seconds and maxRequests must be positive,"
                    + " journeys and writeWarmUpRounds not negative");
        }
    }

    private static String text(String name, String fallback) {
        String value = System.getProperty("benchmark." + name);
        if (value == null || value.isBlank()) {
            value = System.getenv("BENCHMARK_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static int number(String name, int fallback) {
        return Integer.parseInt(text(name, Integer.toString(fallback)));
    }
}
