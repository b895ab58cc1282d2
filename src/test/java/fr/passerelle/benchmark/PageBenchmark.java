package fr.passerelle.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures the pages of each role and the four writes of a referral against an application already running on this
 * machine ({@link BenchmarkSettings}: base URL, clients, durations), the login page first as the ceiling. Prints one
 * Markdown table and writes it to {@code target/benchmark/pages.md}. Every failed request is counted in the table,
 * and fails the test once the table is written; the figures themselves are reported, not asserted. Not in the
 * default run: {@code ./mvnw test -Dgroups=benchmark -Dtest=PageBenchmark -Dbenchmark.baseUrl=http://localhost:8080}.
 * See docs/benchmark.md.
 */
@Tag("benchmark")
class PageBenchmark {

    static final double MIN_RATIO = 0.30;

    static final double MAX_PAGE_P99_MS = 250;

    static final double MAX_PAGE_KB = 200;

    static final double MAX_WRITE_P95_MS = 100;

    static final double MAX_ALONE_MS = 50;

    /** The advisor's deep page, as the issue measured it. */
    static final int DEEP_PAGE = 1000;

    /** Requests of each page made one at a time, after its load: their median is its time in the server. */
    static final int ALONE_REQUESTS = 25;

    /** Journeys made one at a time by one client after the concurrent ones: each write's own time. */
    static final int ALONE_JOURNEYS = 20;

    enum Who {
        ANONYMOUS, OFFICER, ADVISOR, PROVIDER, ADMIN
    }

    record Page(String name, Who who, String path) {
    }

    private final BenchmarkSettings settings = BenchmarkSettings.fromEnvironment();

    private final Map<Who, List<VirtualUser>> users = new EnumMap<>(Who.class);

    private int warmUpRounds;

    /** How the pages' warm-up ended, for the report: as {@link #writeWarmUpEnd}. */
    private String warmUpEnd = "";

    private int writeWarmUpJourneys;

    /** How the writes' warm-up ended, for the report: the JIT compiler idle, still busy, or not watched. */
    private String writeWarmUpEnd = "";

    @Test
    void measuresEveryPageAndWrite() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(settings.clients(), settings.writeClients()));
        try {
            List<Measurement> pages = new ArrayList<>();
            Pattern only = Pattern.compile(settings.only());
            List<Page> all = pages().stream()
                    .filter(page -> page.who() == Who.ANONYMOUS || only.matcher(page.name()).find()).toList();
            JitCompilerWatch jit = JitCompilerWatch.of(settings);
            boolean jitBusy = jit.watching();
            while (warmUpRounds < settings.warmUpRounds() || jitBusy && warmUpRounds < settings.maxWarmUpRounds()) {
                warmUpRounds++;
                long start = System.nanoTime();
                jit.start();
                for (Page page : all) {
                    hammer(threads, users(page.who()), page.path(), settings.warmUp(), new Measurement(page.name()));
                }
                jitBusy = jit.busyDuring(Duration.ofNanos(System.nanoTime() - start), warmUpRounds);
            }
            warmUpEnd = !jit.watching() ? "" : jitBusy ? " (the server's JIT compiler still busy)"
                    : " (until the server's JIT compiler was idle)";
            for (Page page : all) {
                pages.add(measure(threads, page));
            }
            List<Measurement> writes = settings.journeys() > 0 ? measureWrites(threads) : List.of();
            String table = report(pages, writes);
            System.out.println(table);
            Path file = Path.of("target", "benchmark", "pages.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, table, StandardCharsets.UTF_8);

            Stream.concat(pages.stream(), writes.stream()).forEach(measure -> {
                assertThat(measure.failures()).as("failures of %s: %s", measure.name, measure.failureKinds())
                        .isZero();
                assertThat(measure.result().requests()).as("requests of %s", measure.name).isPositive();
            });
        }
        finally {
            threads.shutdownNow();
        }
    }

    /** The pages of the issue, the login page first: its throughput is the ceiling the others are compared to. */
    private List<Page> pages() {
        List<Page> pages = new ArrayList<>(List.of(
                new Page("login page `/login` (anonymous, the ceiling)", Who.ANONYMOUS, "/login"),
                new Page("Caf officer's home `/officer`", Who.OFFICER, "/officer"),
                new Page("routing queue `/officer/routing`", Who.OFFICER, "/officer/routing"),
                new Page("candidates page `/officer/referrals/{id}/routing`", Who.OFFICER,
                        "/officer/referrals/" + routingReferral() + "/routing")));
        // The other route, childminders and crèches, when the queue's first page has a referral that takes it.
        childminderRoutingReferral().ifPresent(id -> pages.add(new Page(
                "candidates page, childminders and crèches `/officer/referrals/{id}/routing`", Who.OFFICER,
                "/officer/referrals/" + id + "/routing")));
        pages.addAll(List.of(
                new Page("officer's queue `/officer/queue`", Who.OFFICER, "/officer/queue"),
                new Page("advisor's list `/advisor/referrals`", Who.ADVISOR, "/advisor/referrals"),
                new Page("advisor's list, page 1,000 `?page=1000&after={key}`", Who.ADVISOR, advisorDeepPage()),
                new Page("provider's offers `/provider/offers`", Who.PROVIDER, "/provider/offers"),
                new Page("childminder registry `/admin/childminders`", Who.ADMIN, "/admin/childminders")));
        return pages;
    }

    /** The first referral of the routing queue's first page whose need goes to childminders and crèches. */
    private Optional<Long> childminderRoutingReferral() {
        return users(Who.OFFICER).get(0).document("/officer/routing")
                .select("tr[data-testid=route-row]:not([data-need=EMERGENCY_HOME_CARE])").stream()
                .findFirst()
                .map(row -> Long.parseLong(row.attr("data-referral")));
    }

    /** The advisor's list at the page asked for, else at page 1,000 (or its last), by its "next page" links. */
    private String advisorDeepPage() {
        if (!settings.advisorDeepPage().isBlank()) {
            return "/advisor/referrals?" + settings.advisorDeepPage();
        }
        VirtualUser advisor = users(Who.ADVISOR).get(0);
        String path = "/advisor/referrals";
        for (int page = 1; page < DEEP_PAGE; page++) {
            Element next = advisor.document(path).selectFirst("a[data-testid=older]");
            if (next == null) {
                break;
            }
            URI link = URI.create(next.absUrl("href"));
            path = link.getRawPath() + "?" + link.getRawQuery();
        }
        return path;
    }

    /**
     * The referral whose candidates are measured: the one asked for, else the first of the routing queue, else one
     * filed and declared eligible for the purpose (there is then always one to route).
     */
    private long routingReferral() {
        if (settings.routingReferralId() != null) {
            return settings.routingReferralId();
        }
        Element link = users(Who.OFFICER).get(0).document("/officer/routing")
                .selectFirst("a[data-testid=route-link]");
        if (link != null) {
            String path = URI.create(link.absUrl("href")).getPath();
            return Long.parseLong(path.replaceAll("^/officer/referrals/(\\d+)/routing$", "$1"));
        }
        return new ReferralJourney(settings, ReferralJourney.sharedOfferMessages())
                .run(ReferralJourney.Measures.NONE, true);
    }

    /** A warm-up, then every client requests the page again and again for the duration, with no pause. */
    private Measurement measure(ExecutorService threads, Page page) throws Exception {
        List<VirtualUser> clients = users(page.who());
        Measurement warmUp = new Measurement(page.name());
        hammer(threads, clients, page.path(), settings.warmUp(), warmUp);
        Measurement measure = new Measurement(page.name());
        long start = System.nanoTime();
        hammer(threads, clients, page.path(), settings.duration(), measure);
        measure.elapsed(System.nanoTime() - start);
        measure.addFailures(warmUp);
        // Then one client alone: with no queue in front of it, a request's latency is the server's time (loopback).
        Measurement alone = new Measurement(page.name());
        for (int i = 0; i < ALONE_REQUESTS; i++) {
            alone.record(clients.get(0).get(page.path()));
        }
        measure.alone(alone);
        return measure;
    }

    private void hammer(ExecutorService threads, List<VirtualUser> clients, String path, Duration duration,
            Measurement measure) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicInteger left = new AtomicInteger(settings.maxRequests());
        inParallel(threads, clients, client -> {
            while (System.nanoTime() < deadline && left.getAndDecrement() > 0) {
                measure.record(client.get(path));
            }
        });
    }

    /** Journeys each write client runs in one warm-up round of the writes. */
    private static final int WARM_UP_JOURNEYS_PER_ROUND = 5;

    /**
     * The writes: each write client runs journeys to warm up, {@link BenchmarkSettings#writeWarmUpRounds()} rounds of
     * {@value #WARM_UP_JOURNEYS_PER_ROUND} and more while the server's JIT compiler is busy, then journeys until the
     * count or the time limit is reached.
     */
    private List<Measurement> measureWrites(ExecutorService threads) throws Exception {
        ReferralJourney.Measures measures = new ReferralJourney.Measures(
                new Measurement("file a referral `POST /advisor/referrals/new`"),
                new Measurement("eligibility decision `POST /officer/referrals/{id}/decision`"),
                new Measurement("send an offer `POST /officer/referrals/{id}/offers`"),
                new Measurement("answer the offer (accept) `POST /provider/offers/{id}/accept`"));
        Map<Long, String> offerMessages = ReferralJourney.sharedOfferMessages();
        List<ReferralJourney> journeys = new ArrayList<>();
        // Signed in one after the other, as above.
        for (int i = 0; i < settings.writeClients(); i++) {
            journeys.add(new ReferralJourney(settings, offerMessages));
        }
        ReferralJourney.Measures warmUp = new ReferralJourney.Measures(new Measurement("file"),
                new Measurement("decide"), new Measurement("offer"), new Measurement("answer"));
        // As the pages, the writes are measured once the server has compiled their code: a POST's own path (the
        // flush, the inserts, the events) runs only in journeys, and the pages' warm-up leaves it interpreted (seen:
        // send-an-offer p95 130 ms with 8 clients after 8 warm-up journeys, 84 ms after 300).
        JitCompilerWatch jit = JitCompilerWatch.of(settings);
        boolean jitBusy = jit.watching();
        int rounds = 0;
        while (rounds < settings.writeWarmUpRounds() || jitBusy && rounds < settings.maxWriteWarmUpRounds()) {
            rounds++;
            long start = System.nanoTime();
            jit.start();
            inParallel(threads, journeys, journey -> {
                for (int i = 0; i < WARM_UP_JOURNEYS_PER_ROUND; i++) {
                    journey.run(warmUp, false);
                }
            });
            jitBusy = jit.busyDuring(Duration.ofNanos(System.nanoTime() - start), rounds);
        }
        writeWarmUpJourneys = rounds * WARM_UP_JOURNEYS_PER_ROUND;
        writeWarmUpEnd = !jit.watching() ? "" : jitBusy ? ", the JIT compiler still busy"
                : ", until the JIT compiler was idle";
        long deadline = System.nanoTime() + settings.writeTimeLimit().toNanos();
        AtomicInteger left = new AtomicInteger(settings.journeys());
        long start = System.nanoTime();
        inParallel(threads, journeys, journey -> {
            while (System.nanoTime() < deadline && left.getAndDecrement() > 0) {
                journey.run(measures, false);
            }
        });
        List<Measurement> all = List.of(measures.file(), measures.decide(), measures.offer(), measures.answer());
        all.forEach(measure -> measure.elapsed(System.nanoTime() - start));
        // The warm-up's latencies are forgotten, not its failures.
        measures.file().addFailures(warmUp.file());
        measures.decide().addFailures(warmUp.decide());
        measures.offer().addFailures(warmUp.offer());
        measures.answer().addFailures(warmUp.answer());
        // Then one client alone, journey after journey: each write's own time, with no other request in the way.
        ReferralJourney.Measures alone = new ReferralJourney.Measures(new Measurement("file"),
                new Measurement("decide"), new Measurement("offer"), new Measurement("answer"));
        for (int i = 0; i < ALONE_JOURNEYS; i++) {
            journeys.get(0).run(alone, false);
        }
        measures.file().alone(alone.file());
        measures.decide().alone(alone.decide());
        measures.offer().alone(alone.offer());
        measures.answer().alone(alone.answer());
        return all;
    }

    /**
     * The clients of a role, signed in once and kept for every page of that role. One after the other: the sign-in
     * throttle counts an attempt before checking it and a success clears the count, so that dozens of sign-ins of
     * one account at once would add up to a lock.
     */
    private List<VirtualUser> users(Who who) {
        if (!users.containsKey(who)) {
            String username = switch (who) {
                case ANONYMOUS -> null;
                case OFFICER -> settings.officer();
                case ADVISOR -> settings.advisor();
                case PROVIDER -> settings.provider();
                case ADMIN -> settings.admin();
            };
            List<VirtualUser> signedIn = new ArrayList<>();
            for (int i = 0; i < settings.clients(); i++) {
                signedIn.add(username == null ? new VirtualUser(settings.baseUrl())
                        : VirtualUser.signedIn(settings.baseUrl(), username, settings.password()));
            }
            users.put(who, signedIn);
        }
        return users.get(who);
    }

    /** Runs the work once per item, each on its own thread, and waits for all (an exception fails the run). */
    private static <T> void inParallel(ExecutorService threads, List<T> items, Consumer<T> work) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (T item : items) {
            running.add(threads.submit(() -> work.accept(item)));
        }
        for (Future<?> future : running) {
            future.get(30, TimeUnit.MINUTES);
        }
    }

    private String report(List<Measurement> pages, List<Measurement> writes) {
        double ceiling = pages.get(0).result().perSecond();
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Run finished %s, against %s: %d clients per page; %d warm-up "
                + "rounds over every page%s, then each page %d s warm-up and %d s measured; writes: %d journeys by %d "
                + "clients (after %d warm-up journeys each%s).%n",
                OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS), settings.baseUrl(), settings.clients(),
                warmUpRounds, warmUpEnd,
                settings.warmUp().toSeconds(), settings.duration().toSeconds(),
                settings.journeys(), settings.writeClients(), writeWarmUpJourneys, writeWarmUpEnd));
        table.append("Machine: ").append(Machine.describe())
                .append("; the driver runs on the same machine (loopback).\n\n");
        table.append("| page | requests | failures | requests/s | p50 ms | p95 ms | p99 ms | alone ms | max KB | "
                + "vs login | targets |\n");
        table.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (int i = 0; i < pages.size(); i++) {
            Measurement.Result r = pages.get(i).result();
            double ratio = r.perSecond() / ceiling;
            List<String> missed = new ArrayList<>();
            if (i > 0 && !(ratio >= MIN_RATIO)) {
                missed.add("< 30 % of login");
            }
            if (!(r.p99() < MAX_PAGE_P99_MS)) {
                missed.add("p99 ≥ 250 ms");
            }
            if (!(r.maxKb() <= MAX_PAGE_KB)) {
                missed.add("> 200 KB");
            }
            double alone = pages.get(i).aloneMedian();
            if (!(alone < MAX_ALONE_MS)) {
                missed.add("alone ≥ 50 ms");
            }
            row(table, r, number(r.perSecond(), "%.0f"), number(alone, "%.1f"), number(r.maxKb(), "%.1f"),
                    number(100 * ratio, "%.0f %%"), verdict(r, missed));
        }
        for (Measurement write : writes) {
            Measurement.Result r = write.result();
            List<String> missed = new ArrayList<>();
            if (!(r.p95() < MAX_WRITE_P95_MS)) {
                missed.add("p95 ≥ 100 ms with " + settings.writeClients() + " clients");
            }
            double aloneP95 = write.aloneP95();
            if (!(aloneP95 < MAX_WRITE_P95_MS)) {
                missed.add("p95 ≥ 100 ms alone");
            }
            // A write answers a redirect: neither its size nor a rate comparable with a page's.
            row(table, r, "—", number(write.aloneMedian(), "%.1f") + " (p95 " + number(aloneP95, "%.1f") + ")",
                    "—", "—", verdict(r, missed));
        }
        table.append("\nTargets: pages ≥ 30 % of the login page's requests/s, p99 < 250 ms, HTML ≤ 200 KB, "
                + "a request alone (median of " + ALONE_REQUESTS + " made one at a time by one client after the "
                + "load: the time in the server) < 50 ms; writes p95 < 100 ms (each POST timed alone, its redirect not "
                + "followed), with " + settings.writeClients() + " clients at once and with one (the *alone* column: "
                + "median and p95 of " + ALONE_JOURNEYS + " journeys by one client after the others). Latencies of "
                + "successful requests only.\n");
        Stream.concat(pages.stream(), writes.stream()).filter(measure -> measure.failures() > 0)
                .forEach(measure -> table.append("\nFailures of ").append(measure.name).append(": ")
                        .append(String.join("; ", measure.failureKinds())).append('\n'));
        return table.toString();
    }

    private static void row(StringBuilder table, Measurement.Result r, String perSecond, String alone,
            String maxKb, String ratio, String verdict) {
        table.append("| ").append(r.name()).append(" | ").append(r.requests()).append(" | ").append(r.failures())
                .append(" | ").append(perSecond)
                .append(" | ").append(number(r.p50(), "%.1f"))
                .append(" | ").append(number(r.p95(), "%.1f"))
                .append(" | ").append(number(r.p99(), "%.1f"))
                .append(" | ").append(alone)
                .append(" | ").append(maxKb)
                .append(" | ").append(ratio).append(" | ").append(verdict).append(" |\n");
    }

    private static String verdict(Measurement.Result r, List<String> missed) {
        if (r.requests() == 0) {
            missed.clear();
            missed.add("no successful request");
        }
        if (r.failures() > 0) {
            missed.add(0, r.failures() + " failed");
        }
        return missed.isEmpty() ? "met" : "**missed**: " + String.join(", ", missed);
    }

    private static String number(double value, String format) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, format, value);
    }
}
