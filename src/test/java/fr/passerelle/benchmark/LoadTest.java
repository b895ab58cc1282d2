package fr.passerelle.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The load test of several instances (tag {@code load}, not in the default run): 200 virtual users for 60 s, each
 * a team of three signed-in people — an advisor, a Caf officer and a home-care service — playing the real journeys
 * again and again: the advisor's list, filing an emergency referral, the officer's queue and eligibility decision,
 * the routing queue and the offer, the provider's acceptance. Every request goes to the next instance in turn (no
 * sticky session). It must end with 0 errors, and with 0 lost writes: the database holds exactly the referrals,
 * decisions and acceptances the users were told were saved.
 * <p>
 * {@code ./mvnw test -Dgroups=load -Dtest=LoadTest -Dload.baseUrls=http://localhost:8081,http://localhost:8082
 * -Dload.jdbcUrl=jdbc:postgresql://127.0.0.1:5432/passerelle_instances} against instances on the demo data;
 * {@code -Dload.users}, {@code -Dload.seconds} change the load. Loopback addresses only.
 */
@Tag("load")
class LoadTest {

    static {
        // Tomcat closes a connection idle for 60 s; the JDK client keeps one for 20 minutes and does not send a POST
        // again when it finds it closed (a browser does). An idle connection is dropped by the client first.
        System.setProperty("jdk.httpclient.keepalive.timeout", "30");
    }

    @Test
    void twoHundredUsersForAMinuteOnTwoInstancesGiveNoErrorAndLoseNoWrite() throws Exception {
        List<URI> bases = Arrays.stream(setting("baseUrls", "http://localhost:8081,http://localhost:8082").split(","))
                .map(String::strip).map(URI::create).toList();
        for (URI base : bases) {
            assertThat(InetAddress.getByName(base.getHost()).isLoopbackAddress()).as(base + " is this machine").isTrue();
        }
        String jdbcUrl = setting("jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/passerelle_instances");
        int users = Integer.parseInt(setting("users", "200"));
        Duration duration = Duration.ofSeconds(Long.parseLong(setting("seconds", "60")));
        BenchmarkSettings settings = BenchmarkSettings.fromEnvironment();

        Measurement list = new Measurement("advisor's list `/advisor/referrals`");
        Measurement queue = new Measurement("officer's routing queue `/officer/routing`");
        Measurement file = new Measurement("file a referral");
        Measurement decide = new Measurement("eligibility decision");
        Measurement offer = new Measurement("send an offer");
        Measurement answer = new Measurement("accept the offer");
        ReferralJourney.Measures measures = new ReferralJourney.Measures(file, decide, offer, answer);
        List<String> setUpFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> driverFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Instant started = Instant.now();

        // Sign-ins first, three at a time: the login throttle counts an attempt before checking its password, so
        // dozens of sign-ins at once on one username would lock it (as intended: that is what it is for).
        Measurement signIn = new Measurement("sign in (3 people per user, before the minute)");
        List<ReferralJourney> journeys = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService signIns = Executors.newFixedThreadPool(3);
        long start;
        long[] end = new long[1];
        try (OfferLookup offers = new OfferLookup(jdbcUrl)) {
            for (int i = 0; i < users; i++) {
                signIns.submit(() -> {
                    long t = System.nanoTime();
                    try {
                        journeys.add(new ReferralJourney(settings, bases, ReferralJourney.sharedOfferMessages(),
                                offers::byMessage));
                        signIn.succeeded((System.nanoTime() - t) / 3, 0);
                    }
                    catch (RuntimeException ex) {
                        setUpFailures.add(ex.getMessage());
                        signIn.failed(String.valueOf(ex.getMessage()));
                    }
                });
            }
            signIns.shutdown();
            assertThat(signIns.awaitTermination(600, TimeUnit.SECONDS)).isTrue();

            ExecutorService pool = Executors.newFixedThreadPool(users);
            start = System.nanoTime();
            end[0] = start + duration.toNanos();
            for (ReferralJourney journey : journeys) {
                pool.submit(() -> {
                    try {
                        while (System.nanoTime() < end[0]) {
                            list.record(journey.advisor().get("/advisor/referrals"));
                            queue.record(journey.officer().get("/officer/routing"));
                            journey.run(measures, false);
                        }
                    }
                    catch (RuntimeException ex) {
                        // A page without what the journey looks for: an error of the run, never silently lost.
                        driverFailures.add(String.valueOf(ex));
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(duration.toSeconds() + 600, TimeUnit.SECONDS)).isTrue();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Measurement> all = List.of(list, queue, file, decide, offer, answer);
        all.forEach(measure -> measure.elapsed((long) (seconds * 1e9)));

        StringBuilder table = new StringBuilder(String.format(
                "%n%d users on %s for %s (%.0f s until the last journey ended)%n| step | done | failures | per s | p50 ms | p95 ms | p99 ms |%n|---|--:|--:|--:|--:|--:|--:|%n",
                users, bases, duration, seconds));
        for (Measurement measure : all) {
            Measurement.Result r = measure.result();
            table.append(String.format("| %s | %d | %d | %.1f | %.1f | %.1f | %.1f |%n", r.name(), r.requests(),
                    r.failures(), r.perSecond(), r.p50(), r.p95(), r.p99()));
        }
        Measurement.Result login = signIn.result();
        table.append(String.format("| %s | %d | %d | — | %.1f | %.1f | %.1f |%n", login.name(), login.requests(),
                login.failures(), login.p50(), login.p95(), login.p99()));
        for (Measurement measure : all) {
            if (measure.failures() > 0) {
                table.append(measure.result().name()).append(" failed: ").append(measure.failureKinds()).append('\n');
            }
        }
        Map<String, Long> stored = storedWrites(jdbcUrl, started);
        table.append(String.format("Stored since the start: %s; confirmed to the users: files %d, decisions %d, "
                + "offers %d, acceptances %d%n", stored, file.result().requests(), decide.result().requests(),
                offer.result().requests(), answer.result().requests()));
        driverFailures.forEach(failure -> table.append("journey broken off: ").append(failure).append('\n'));
        System.out.println(table);

        assertThat(setUpFailures).as("sign-ins").isEmpty();
        assertThat(driverFailures).as("journeys broken off").isEmpty();
        for (Measurement measure : all) {
            assertThat(measure.failures()).as(measure.result().name() + ": " + measure.failureKinds()).isZero();
        }
        assertThat(stored.get("referrals")).as("referrals filed").isEqualTo(file.result().requests());
        assertThat(stored.get("decided")).as("eligibility decisions").isEqualTo(decide.result().requests());
        assertThat(stored.get("offers")).as("offers sent").isEqualTo(offer.result().requests());
        assertThat(stored.get("accepted")).as("offers accepted").isEqualTo(answer.result().requests());
    }

    /** What the journeys wrote since {@code since}: their referrals are the family "Banc", their offers' messages "Benchmark …". */
    private static Map<String, Long> storedWrites(String jdbcUrl, Instant since) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, setting("jdbcUser", "postgres"),
                setting("jdbcPassword", ""));
                PreparedStatement statement = db.prepareStatement("""
                        select (select count(*) from referral where parent_last_name = 'Banc' and created_at >= ?),
                               (select count(*) from referral_transition t join referral r on r.id = t.referral_id
                                where r.parent_last_name = 'Banc' and r.created_at >= ?
                                  and t.from_status = 'SUBMITTED' and t.to_status = 'ELIGIBLE'),
                               (select count(*) from offer where message like 'Benchmark %' and sent_at >= ?),
                               (select count(*) from offer
                                where message like 'Benchmark %' and sent_at >= ? and status = 'ACCEPTED')""")) {
            Timestamp at = Timestamp.from(since);
            for (int i = 1; i <= 4; i++) {
                statement.setTimestamp(i, at);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return Map.of("referrals", rs.getLong(1), "decided", rs.getLong(2), "offers", rs.getLong(3),
                        "accepted", rs.getLong(4));
            }
        }
    }

    /**
     * The provider's list shows 20 offers a page; with hundreds pending at once the driver finds its offer's id by
     * its unique message in the database, as the provider would find it in the email.
     */
    private static final class OfferLookup implements AutoCloseable {

        /** One connection for all the users: PostgreSQL allows 100, the instances hold 20 of them. */
        private final Connection connection;

        OfferLookup(String jdbcUrl) throws SQLException {
            this.connection = DriverManager.getConnection(jdbcUrl, setting("jdbcUser", "postgres"),
                    setting("jdbcPassword", ""));
        }

        synchronized Long byMessage(String message) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select id from offer where message = ? and status = 'PENDING'")) {
                statement.setString(1, message);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
            catch (SQLException ex) {
                throw new IllegalStateException(ex);
            }
        }

        @Override
        public synchronized void close() throws SQLException {
            connection.close();
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty("load." + name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
