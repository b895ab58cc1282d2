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
import java.util.ArrayList;
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
        Instant started = Instant.now();

        ExecutorService pool = Executors.newFixedThreadPool(users);
        long signInStart = System.nanoTime();
        long[] end = new long[1];
        try (OfferLookup offers = new OfferLookup(jdbcUrl)) {
            for (int i = 0; i < users; i++) {
                pool.submit(() -> {
                    ReferralJourney journey;
                    try {
                        journey = new ReferralJourney(settings, bases, ReferralJourney.sharedOfferMessages(),
                                offers::byMessage);
                    }
                    catch (RuntimeException ex) {
                        setUpFailures.add(ex.getMessage());
                        return;
                    }
                    synchronized (end) {
                        if (end[0] == 0) {
                            end[0] = System.nanoTime() + duration.toNanos();
                        }
                    }
                    while (System.nanoTime() < end[0]) {
                        list.record(journey.advisor().get("/advisor/referrals"));
                        queue.record(journey.officer().get("/officer/routing"));
                        journey.run(measures, false);
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(duration.toSeconds() + 600, TimeUnit.SECONDS)).isTrue();
        }
        double seconds = (System.nanoTime() - signInStart) / 1e9;
        List<Measurement> all = List.of(list, queue, file, decide, offer, answer);
        all.forEach(measure -> measure.elapsed((long) (seconds * 1e9)));

        StringBuilder table = new StringBuilder(String.format(
                "%n%d users on %s for %s (sign-ins included: %.0f s in all)%n| step | done | failures | per s | p50 ms | p95 ms | p99 ms |%n|---|--:|--:|--:|--:|--:|--:|%n",
                users, bases, duration, seconds));
        for (Measurement measure : all) {
            Measurement.Result r = measure.result();
            table.append(String.format("| %s | %d | %d | %.1f | %.1f | %.1f | %.1f |%n", r.name(), r.requests(),
                    r.failures(), r.perSecond(), r.p50(), r.p95(), r.p99()));
        }
        Map<String, Long> stored = storedWrites(jdbcUrl, started);
        table.append(String.format("Stored since the start: %s; confirmed to the users: files %d, decisions %d, "
                + "offers %d, acceptances %d%n", stored, file.result().requests(), decide.result().requests(),
                offer.result().requests(), answer.result().requests()));
        System.out.println(table);

        assertThat(setUpFailures).as("sign-ins").isEmpty();
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

        private final List<Connection> connections = new ArrayList<>();
        private final ThreadLocal<Connection> connection;

        OfferLookup(String jdbcUrl) {
            this.connection = ThreadLocal.withInitial(() -> {
                try {
                    Connection db = DriverManager.getConnection(jdbcUrl, setting("jdbcUser", "postgres"),
                            setting("jdbcPassword", ""));
                    synchronized (connections) {
                        connections.add(db);
                    }
                    return db;
                }
                catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            });
        }

        Long byMessage(String message) {
            try (PreparedStatement statement = connection.get().prepareStatement(
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
        public void close() throws SQLException {
            synchronized (connections) {
                for (Connection db : connections) {
                    db.close();
                }
            }
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty("load." + name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
