package fr.passerelle.notification.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrators' outbox page and the admin home page's email counts: emails by status without their content,
 * keyset pages, retrying failed ones, and who may see them. The outbox is shared by every test, so each test finds
 * its own emails by their unique addresses, and the newest rows are the test's own.
 */
@IntegrationTest
class AdminOutboxWebTest {

    private static final String SECRET = "Contenu personnel de la famille";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    SqlStatementCounter statements;

    CurrentUser admin;
    long recipientId;

    @BeforeEach
    void setUp() {
        admin = accounts.signedIn(accounts.create(Role.ADMIN));
        recipientId = accounts.create(Role.PROVIDER).user().getId();
    }

    // --- Who may reach what -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADVISOR", "CAF_OFFICER", "PROVIDER"})
    void otherRolesAreRefused(Role role) throws Exception {
        CurrentUser user = accounts.signedIn(accounts.create(role));
        long failed = email("FAILED");

        mvc.perform(get("/admin/notifications").with(user(user))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/notifications/" + failed + "/retry").with(csrf()).with(user(user)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/notifications/retry-failed").with(csrf()).with(user(user)))
                .andExpect(status().isForbidden());

        assertThat(statusOf(failed)).isEqualTo("FAILED");
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
        long failed = email("FAILED");

        mvc.perform(get("/admin/notifications")).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/admin/notifications/" + failed + "/retry").with(csrf()))
                .andExpect(redirectedUrl("/login"));

        assertThat(statusOf(failed)).isEqualTo("FAILED");
    }

    // --- The tabs -----------------------------------------------------------------------------------------------

    @Test
    void eachTabListsItsEmailsWithoutTheirContent() throws Exception {
        Map<String, String> addresses = Map.of("PENDING", address(), "SENT", address(), "FAILED", address());
        addresses.forEach((status, address) -> email(status, address, "kind", "OFFER_SENT"));

        for (String tab : List.of("PENDING", "SENT", "FAILED")) {
            Document page = page("/admin/notifications?status=" + tab);

            assertThat(page.select("[data-testid=tab-" + tab + "]").attr("aria-current")).isEqualTo("page");
            Element row = rowOf(page, addresses.get(tab));
            assertThat(row).as(tab).isNotNull();
            assertThat(row.text()).contains("Nouvelle proposition");
            addresses.forEach((status, address) -> {
                if (!status.equals(tab)) {
                    assertThat(rowOf(page, address)).as(status + " in " + tab).isNull();
                }
            });
            assertThat(page.html()).doesNotContain(SECRET);
            assertThat(page.select("[data-testid=retry]").isEmpty()).isEqualTo(!tab.equals("FAILED"));
        }
        assertThat(page("/admin/notifications").select("[data-testid=tab-PENDING]").attr("aria-current"))
                .isEqualTo("page");
    }

    @Test
    void aFailedEmailShowsItsAttemptsAndItsLastErrorCut() throws Exception {
        String address = address();
        String error = "550 Mailbox unavailable " + "x".repeat(300);
        email("FAILED", address, "last_error", error, "attempts", 5);

        Element row = rowOf(page("/admin/notifications?status=FAILED"), address);

        assertThat(row.select("td").get(3).text()).isEqualTo("5");
        assertThat(row.text()).contains("550 Mailbox unavailable").doesNotContain(error);
        assertThat(row.select("td").get(5).text()).hasSize(AdminOutbox.ERROR_LENGTH + 1).endsWith("…");
    }

    @Test
    void anUnknownKindIsShownByItsName() throws Exception {
        String address = address();
        email("SENT", address, "kind", "SOMETHING_NEW");

        assertThat(rowOf(page("/admin/notifications?status=SENT"), address).text()).contains("SOMETHING_NEW");
    }

    @Test
    void theTabsAreReadTwentyAtATimeByKeyset() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            ids.add(email("SENT"));
        }
        Collections.reverse(ids);

        Document first = page("/admin/notifications?status=SENT");
        assertThat(shownIds(first)).isEqualTo(ids.subList(0, 20));
        String older = first.select("[data-testid=older]").attr("href");
        assertThat(older).isEqualTo("/admin/notifications?status=SENT&before=" + ids.get(19));

        Document second = page(older);
        assertThat(shownIds(second).get(0)).isEqualTo(ids.get(20));
        assertThat(second.select("[data-testid=newest]").attr("href")).isEqualTo("/admin/notifications?status=SENT");
    }

    @Test
    void aFullPageRunsAsManyStatementsAsASingleEmail() throws Exception {
        for (int i = 0; i < 21; i++) {
            email("FAILED");
        }
        // Before the second oldest failed email there is exactly one.
        long secondOldest = jdbc.sql("select id from outbound_email where status = 'FAILED' order by id limit 1 offset 1")
                .query(Long.class).single();

        long oneRow = statements.count(() -> assertThat(shownIds(page(
                "/admin/notifications?status=FAILED&before=" + secondOldest))).hasSize(1));
        long fullPage = statements.count(() -> assertThat(shownIds(page(
                "/admin/notifications?status=FAILED"))).hasSize(20));

        assertThat(fullPage).isEqualTo(oneRow).isLessThanOrEqualTo(4);
    }

    @Test
    void withAMailServerThePageDoesNotSayEmailsWait() throws Exception {
        // Tests configure spring.mail.host (support.TestMailServer); the notice is for runs without one.
        assertThat(page("/admin/notifications").select("[data-testid=no-mail-server]")).isEmpty();
    }

    // --- Retrying -----------------------------------------------------------------------------------------------

    @Test
    void retryingAFailedEmailPutsItBackInTheQueueDueNow() throws Exception {
        long id = email("FAILED", address(), "last_error", "Connection refused", "attempts", 5);
        Instant before = clock.instant();

        mvc.perform(post("/admin/notifications/" + id + "/retry").with(csrf()).with(user(admin)))
                .andExpect(redirectedUrl("/admin/notifications?status=FAILED"))
                .andExpect(flash().attribute("flash", "admin.outbox.flash.retried"));

        Map<String, Object> row = jdbc.sql("select * from outbound_email where id = ?").param(id).query().singleRow();
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(row.get("attempts")).isEqualTo(0);
        assertThat(row.get("failed_at")).isNull();
        assertThat(row.get("last_error")).isEqualTo("Connection refused");
        assertThat(((Timestamp) row.get("next_attempt_at")).toInstant()).isBetween(before.minusSeconds(1),
                clock.instant());
    }

    @Test
    void retryingAnEmailThatIsNoLongerFailedChangesNothing() throws Exception {
        long sent = email("SENT");

        mvc.perform(post("/admin/notifications/" + sent + "/retry").with(csrf()).with(user(admin)))
                .andExpect(flash().attribute("flash", "admin.outbox.flash.not-failed"));
        mvc.perform(post("/admin/notifications/999999999/retry").with(csrf()).with(user(admin)))
                .andExpect(status().isNotFound());

        assertThat(statusOf(sent)).isEqualTo("SENT");
    }

    @Test
    void retryingAllFailedEmailsPutsThemAllBackInTheQueue() throws Exception {
        long first = email("FAILED");
        long second = email("FAILED");
        long sent = email("SENT");

        mvc.perform(post("/admin/notifications/retry-failed").with(csrf()).with(user(admin)))
                .andExpect(redirectedUrl("/admin/notifications?status=FAILED"))
                .andExpect(flash().attribute("flash", "admin.outbox.flash.all-retried"));

        assertThat(statusOf(first)).isEqualTo("PENDING");
        assertThat(statusOf(second)).isEqualTo("PENDING");
        assertThat(statusOf(sent)).isEqualTo("SENT");
    }

    @Test
    void retryingWithoutTheCsrfTokenIsRefused() throws Exception {
        long failed = email("FAILED");

        mvc.perform(post("/admin/notifications/" + failed + "/retry").with(user(admin)))
                .andExpect(status().isForbidden());

        assertThat(statusOf(failed)).isEqualTo("FAILED");
    }

    // --- The admin home page ------------------------------------------------------------------------------------

    @Test
    void theAdminHomePageCountsPendingAndFailedEmailsAndLinksToTheirTabs() throws Exception {
        long pendingBefore = homeCount("PENDING");
        long failedBefore = homeCount("FAILED");
        email("PENDING");
        email("PENDING");
        email("FAILED");
        email("SENT");

        assertThat(homeCount("PENDING")).isEqualTo(pendingBefore + 2);
        assertThat(homeCount("FAILED")).isEqualTo(failedBefore + 1);
        Document home = page("/admin");
        assertThat(home.select("[data-testid=emails-link-PENDING]").attr("href"))
                .isEqualTo("/admin/notifications?status=PENDING");
        assertThat(home.select("[data-testid=emails-link-FAILED]").attr("href"))
                .isEqualTo("/admin/notifications?status=FAILED");
    }

    /** Rolled back: the thousand emails are never seen by other tests (MockMvc runs in the test's transaction). */
    @Test
    @Transactional
    void theAdminHomePageStopsCountingAtAThousand() throws Exception {
        jdbc.sql("""
                        insert into outbound_email (kind, recipient_user_id, to_address, locale, subject, text_body,
                                                    html_body, status, attempts, next_attempt_at, created_at, failed_at)
                        select 'OFFER_SENT', ?, 'capped@example.fr', 'fr', 's', 't', 'h', 'FAILED', 5, ?, ?, ?
                        from generate_series(1, 1001)""")
                .params(recipientId, Timestamp.from(clock.instant()), Timestamp.from(clock.instant()),
                        Timestamp.from(clock.instant()))
                .update();

        Document home = page("/admin");

        assertThat(home.select("[data-testid=emails-FAILED] [data-testid=count]").text())
                .matches("1\\D?000\\+");
        assertThat(page("/admin/notifications").select("[data-testid=tab-count-FAILED]").text())
                .matches("1\\D?000\\+");
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private long homeCount(String status) throws Exception {
        String text = page("/admin").select("[data-testid=emails-" + status + "] [data-testid=count]").text();
        assertThat(text).as("below the cap").doesNotContain("+");
        return Long.parseLong(text.replaceAll("\\D", ""));
    }

    private long email(String status) {
        return email(status, address());
    }

    /** An email of that status to {@code address}; {@code overrides} are column / value pairs. */
    private long email(String status, String address, Object... overrides) {
        Instant now = clock.instant();
        Map<String, Object> columns = new java.util.LinkedHashMap<>();
        columns.put("kind", "OFFER_SENT");
        columns.put("recipient_user_id", recipientId);
        columns.put("to_address", address);
        columns.put("locale", "fr");
        columns.put("subject", SECRET);
        columns.put("text_body", SECRET);
        columns.put("html_body", "<p>" + SECRET + "</p>");
        columns.put("status", status);
        columns.put("attempts", status.equals("PENDING") ? 0 : 1);
        // Pending emails are due in a year, out of the way of any sending job.
        columns.put("next_attempt_at", Timestamp.from(now.plus(Duration.ofDays(365))));
        columns.put("created_at", Timestamp.from(now));
        columns.put("sent_at", status.equals("SENT") ? Timestamp.from(now) : null);
        columns.put("failed_at", status.equals("FAILED") ? Timestamp.from(now) : null);
        for (int i = 0; i < overrides.length; i += 2) {
            columns.put((String) overrides[i], overrides[i + 1]);
        }
        String names = String.join(", ", columns.keySet());
        String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
        return jdbc.sql("insert into outbound_email (" + names + ") values (" + marks + ") returning id")
                .params(new ArrayList<>(columns.values()))
                .query(Long.class).single();
    }

    private String statusOf(long id) {
        return jdbc.sql("select status from outbound_email where id = ?").param(id).query(String.class).single();
    }

    private static String address() {
        return "outbox-" + UUID.randomUUID().toString().substring(0, 8) + "@example.fr";
    }

    private Document page(String url) throws Exception {
        String html = mvc.perform(get(url).with(user(admin))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return Jsoup.parse(html);
    }

    private static Element rowOf(Document page, String address) {
        return page.select("[data-testid=outbox-row]").stream()
                .filter(row -> row.text().contains(address)).findFirst().orElse(null);
    }

    private static List<Long> shownIds(Document page) {
        return page.select("[data-testid=outbox-row]").stream()
                .map(row -> Long.valueOf(row.attr("data-email"))).toList();
    }
}
