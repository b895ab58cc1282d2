package fr.passerelle.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import fr.passerelle.benchmark.VirtualUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL stops and starts again under an advisor filing referrals: the requests in flight get the French
 * "service momentarily unavailable" page with 503 (never a stack trace), the application serves again by itself
 * within seconds once the database is back, and every referral is there once: none that was confirmed is lost, and
 * a form sent again after a 503 (same creation token) never files a second one. A PostgreSQL of its own, which it
 * stops: the shared test database stays up for the other tests.
 */
class DatabaseRestartTest {

    private EmbeddedPostgres postgres;
    private ConfigurableApplicationContext app;
    private Path dataDirectory;
    private int port;

    @AfterEach
    void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void requestsFailWithTheUnavailablePageWhileTheDatabaseIsDownAndTheAppRecoversByItself() throws Exception {
        dataDirectory = Files.createTempDirectory("passerelle-restart-pg");
        port = freePort();
        postgres = startPostgres();
        app = Instances.start(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        Account advisor = app.getBean(TestAccounts.class).create(Role.ADVISOR);
        long organisation = advisor.user().getOrganisation().getId();
        VirtualUser user = VirtualUser.signedIn(List.of(Instances.base(app)), advisor.username(), advisor.password());

        List<Map<String, String>> confirmed = new CopyOnWriteArrayList<>();
        List<Map<String, String>> unanswered = new CopyOnWriteArrayList<>();
        List<String> unavailablePages = new CopyOnWriteArrayList<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean filing = new AtomicBoolean(true);
        Thread advisorAtWork = new Thread(() -> {
            int n = 0;
            while (filing.get()) {
                Map<String, String> form = form(user, n++, unavailablePages, unexpected);
                if (form == null) {
                    pause(100);
                    continue;
                }
                VirtualUser.Answer answer = user.post("/advisor/referrals/new", form);
                if (answer.redirectsTo("/advisor/referrals/\\d+")) {
                    confirmed.add(form);
                }
                else if (answer.status() == 503) {
                    unavailablePages.add(new String(answer.body(), StandardCharsets.UTF_8));
                    unanswered.add(form);
                }
                else {
                    unexpected.add(answer.describe());
                }
            }
        });
        advisorAtWork.start();
        waitFor(() -> count(confirmed) >= 5, 30_000);

        postgres.close();
        postgres = null;
        waitFor(() -> unavailablePages.size() >= 3, 30_000);
        postgres = startPostgres();
        long back = System.nanoTime();
        waitFor(() -> user.get("/advisor").status() == 200, 30_000);
        double recoverySeconds = (System.nanoTime() - back) / 1e9;
        System.out.printf("Serving again %.1f s after PostgreSQL was back%n", recoverySeconds);
        int confirmedBefore = count(confirmed);
        waitFor(() -> count(confirmed) >= confirmedBefore + 3, 30_000);
        filing.set(false);
        advisorAtWork.join();

        assertThat(unexpected).as("every answer is a referral filed or the 503 page").isEmpty();
        assertThat(unavailablePages).isNotEmpty().allSatisfy(page -> assertThat(page)
                .contains("Service momentanément indisponible", "lang=\"fr\"")
                .doesNotContain("Exception", "at fr.passerelle", "org.springframework"));
        assertThat(recoverySeconds).as("serving again within seconds of the database's return").isLessThan(10);

        // A form that got the 503 page is sent again, as the page asks: filed once, whatever happened the first time.
        for (Map<String, String> form : unanswered) {
            user.document("/advisor/referrals/new");
            Map<String, String> again = new LinkedHashMap<>(form);
            again.remove("_csrf");
            VirtualUser.Answer answer = user.post("/advisor/referrals/new", again);
            assertThat(answer.redirectsTo("/advisor/referrals/\\d+")).as(answer.describe()).isTrue();
        }
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        List<String> tokens = new ArrayList<>();
        confirmed.forEach(form -> tokens.add(form.get("creationToken")));
        unanswered.forEach(form -> tokens.add(form.get("creationToken")));
        assertThat(jdbc.sql("select creation_token::text from referral where organisation_id = ?")
                .param(organisation).query(String.class).list())
                .as("each referral filed once, none lost").containsExactlyInAnyOrderElementsOf(tokens);
    }

    private static Map<String, String> form(VirtualUser user, int n, List<String> unavailablePages,
            List<String> unexpected) {
        VirtualUser.Answer page = user.get("/advisor/referrals/new");
        if (page.status() == 503) {
            unavailablePages.add(new String(page.body(), StandardCharsets.UTF_8));
            return null;
        }
        if (page.status() != 200) {
            unexpected.add(page.describe());
            return null;
        }
        Document form = user.parse(page, "/advisor/referrals/new");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("creationToken", form.selectFirst("input[name=creationToken]").val());
        fields.put("parentLastName", "Redemarrage");
        fields.put("parentFirstName", "Essai " + n);
        fields.put("action", "save");
        return fields;
    }

    private EmbeddedPostgres startPostgres() throws IOException {
        // The same directory and port each time: the same server, restarted, as after a crash or an upgrade.
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "off")
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int count(List<?> list) {
        return list.size();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Waited " + millis + " ms in vain");
            }
            pause(100);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
