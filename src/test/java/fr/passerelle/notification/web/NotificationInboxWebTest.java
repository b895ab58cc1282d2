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

/**
 * The bell and the notifications page: a person sees their own notifications only, newest first, a keyset page at a
 * time; opening one marks it read and follows its link; the bell counts the unread ones up to "99+". Notifications
 * are inserted directly, as the recording side would.
 */
@IntegrationTest
class NotificationInboxWebTest {

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

    CurrentUser advisor;
    CurrentUser other;

    @BeforeEach
    void setUp() {
        advisor = accounts.signedIn(accounts.create(Role.ADVISOR));
        other = accounts.signedIn(accounts.create(Role.PROVIDER));
    }

    // --- Who may reach what -------------------------------------------------------------------------------------

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
        long id = notify(advisor, "NO_SOLUTION", "/advisor/referrals/1", "1");

        mvc.perform(get("/notifications")).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/notifications/" + id + "/open").with(csrf())).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/notifications/read-all").with(csrf())).andExpect(redirectedUrl("/login"));

        assertThat(isUnread(id)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleHasTheBellAndTheNotificationsPage(Role role) throws Exception {
        CurrentUser user = accounts.signedIn(accounts.create(role));
        notify(user, "NO_SOLUTION", "/", "7");

        Document page = page("/notifications", user);

        assertThat(page.select("[data-testid=bell]").attr("href")).isEqualTo("/notifications");
        assertThat(page.select("[data-testid=notifications] li")).hasSize(1);
    }

    @Test
    void theLoginPageHasNoBell() throws Exception {
        String login = mvc.perform(get("/login")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(login).doesNotContain("data-testid=\"bell\"");
    }

    // --- The list -----------------------------------------------------------------------------------------------

    @Test
    void theListShowsOnlyOnesOwnNotificationsNewestFirstWithTheirTextDateAndState() throws Exception {
        long older = notify(advisor, "FOUND_ELIGIBLE", "/advisor/referrals/41", "41");
        long newer = notify(advisor, "CARE_ARRANGED", "/advisor/referrals/42", "42", "Crèche Les Lutins", "02/03/2026");
        markRead(older);
        notify(other, "OFFER_SENT", "/provider/offers/9", "9", "Évry", "01/03/2026 12:00");

        Document page = page("/notifications", advisor);

        List<Element> items = page.select("[data-testid=notifications] > li");
        assertThat(items).extracting(item -> item.attr("data-notification"))
                .containsExactly(String.valueOf(newer), String.valueOf(older));
        assertThat(items.get(0).text())
                .contains("Non lue", "Orientation n° 42 : garde organisée avec Crèche Les Lutins à partir du 02/03/2026.");
        assertThat(items.get(0).select("[data-testid=open]").hasClass("fw-bold")).isTrue();
        assertThat(items.get(1).text()).doesNotContain("Non lue")
                .contains("Orientation n° 41 : la famille est éligible ; la Caf recherche un accueil.");
        assertThat(items.get(1).select("[data-testid=open]").hasClass("fw-bold")).isFalse();
        // Dates in the territory's zone (Europe/Paris in the tests' clock).
        assertThat(items.get(0).select("time").text()).matches("\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d");
        assertThat(page.text()).doesNotContain("proposition n° 9");
        assertThat(page.select("h1").text()).isEqualTo("Notifications");
    }

    @Test
    void anEmptyListSaysSo() throws Exception {
        Document page = page("/notifications", advisor);

        assertThat(page.select("[data-testid=empty]").text()).isEqualTo("Vous n’avez aucune notification.");
        assertThat(page.select("[data-testid=read-all]")).isEmpty();
        assertThat(page.select("[data-testid=older]")).isEmpty();
    }

    @Test
    void theListIsReadTwentyAtATimeByKeyset() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            ids.add(notify(advisor, "NO_SOLUTION", "/", String.valueOf(i)));
        }
        List<Long> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);

        Document first = page("/notifications", advisor);
        assertThat(shownIds(first)).isEqualTo(newestFirst.subList(0, 20));
        String older = first.select("[data-testid=older]").attr("href");
        assertThat(older).isEqualTo("/notifications?before=" + newestFirst.get(19));
        assertThat(first.select("[data-testid=newest]")).isEmpty();

        Document second = page(older, advisor);
        assertThat(shownIds(second)).isEqualTo(newestFirst.subList(20, 25));
        assertThat(second.select("[data-testid=older]")).isEmpty();
        assertThat(second.select("[data-testid=newest]").attr("href")).isEqualTo("/notifications");
    }

    @Test
    void aFullPageRunsAsManyStatementsAsASingleNotification() throws Exception {
        notify(other, "NO_SOLUTION", "/", "1");
        for (int i = 0; i < 25; i++) {
            notify(advisor, "NO_SOLUTION", "/", String.valueOf(i));
        }

        long oneRow = statements.count(() -> mvc.perform(get("/notifications").with(user(other)))
                .andExpect(status().isOk()));
        long fullPage = statements.count(() -> mvc.perform(get("/notifications").with(user(advisor)))
                .andExpect(status().isOk()));

        assertThat(fullPage).isEqualTo(oneRow).isLessThanOrEqualTo(3);
    }

    // --- Opening and marking read -------------------------------------------------------------------------------

    @Test
    void openingANotificationMarksItReadAndFollowsItsLink() throws Exception {
        long id = notify(advisor, "FOUND_ELIGIBLE", "/advisor/referrals/41", "41");
        long untouched = notify(advisor, "FOUND_ELIGIBLE", "/advisor/referrals/43", "43");

        mvc.perform(post("/notifications/" + id + "/open").with(csrf()).with(user(advisor)))
                .andExpect(redirectedUrl("/advisor/referrals/41"));

        assertThat(isUnread(id)).isFalse();
        assertThat(isUnread(untouched)).isTrue();
        Instant readAt = readAt(id);
        // Opening it again follows the link and keeps the first reading time.
        mvc.perform(post("/notifications/" + id + "/open").with(csrf()).with(user(advisor)))
                .andExpect(redirectedUrl("/advisor/referrals/41"));
        assertThat(readAt(id)).isEqualTo(readAt);
    }

    @Test
    void aNotificationWithoutALinkOrWithALinkToAnotherSiteStaysOnTheList() throws Exception {
        long none = notify(advisor, "NO_SOLUTION", null, "1");
        long otherSite = notify(advisor, "NO_SOLUTION", "//evil.example/phish", "2");

        mvc.perform(post("/notifications/" + none + "/open").with(csrf()).with(user(advisor)))
                .andExpect(redirectedUrl("/notifications"));
        mvc.perform(post("/notifications/" + otherSite + "/open").with(csrf()).with(user(advisor)))
                .andExpect(redirectedUrl("/notifications"));

        assertThat(isUnread(none)).isFalse();
        assertThat(isUnread(otherSite)).isFalse();
    }

    @Test
    void anotherPersonsNotificationIsNotFound() throws Exception {
        long id = notify(other, "OFFER_SENT", "/provider/offers/9", "9", "Évry", "01/03/2026 12:00");

        mvc.perform(post("/notifications/" + id + "/open").with(csrf()).with(user(advisor)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/notifications/999999999/open").with(csrf()).with(user(advisor)))
                .andExpect(status().isNotFound());

        assertThat(isUnread(id)).isTrue();
    }

    @Test
    void openingWithoutTheCsrfTokenIsRefused() throws Exception {
        long id = notify(advisor, "NO_SOLUTION", "/", "1");

        mvc.perform(post("/notifications/" + id + "/open").with(user(advisor))).andExpect(status().isForbidden());

        assertThat(isUnread(id)).isTrue();
    }

    @Test
    void markingAllReadLeavesOtherPeoplesNotificationsUnread() throws Exception {
        long first = notify(advisor, "NO_SOLUTION", "/", "1");
        long second = notify(advisor, "FOUND_ELIGIBLE", "/", "2");
        long others = notify(other, "OFFER_CANCELLED", "/", "3", "Évry");

        mvc.perform(post("/notifications/read-all").with(csrf()).with(user(advisor)))
                .andExpect(redirectedUrl("/notifications"))
                .andExpect(flash().attribute("flash", "notification.inbox.flash.all-read"));

        assertThat(isUnread(first)).isFalse();
        assertThat(isUnread(second)).isFalse();
        assertThat(isUnread(others)).isTrue();
    }

    // --- The bell -----------------------------------------------------------------------------------------------

    @Test
    void theBellCountsTheUnreadNotificationsOnEveryPage() throws Exception {
        notify(advisor, "NO_SOLUTION", "/", "1");
        notify(advisor, "NO_SOLUTION", "/", "2");
        markRead(notify(advisor, "NO_SOLUTION", "/", "3"));
        notify(advisor, "NO_SOLUTION", "/", "4");
        notify(other, "OFFER_CANCELLED", "/", "5", "Évry");

        Element bell = page("/advisor", advisor).selectFirst("[data-testid=bell]");

        assertThat(bell.text()).isEqualTo("Notifications 3 non lues");
        assertThat(bell.select(".visually-hidden").text()).isEqualTo("non lues");
    }

    @Test
    void theBellShowsNoCountWhenEverythingIsRead() throws Exception {
        markRead(notify(advisor, "NO_SOLUTION", "/", "1"));

        Element bell = page("/advisor", advisor).selectFirst("[data-testid=bell]");

        assertThat(bell.text()).isEqualTo("Notifications");
        assertThat(bell.select("[data-testid=bell-count]")).isEmpty();
    }

    @Test
    void theBellStopsCountingAtNinetyNine() throws Exception {
        jdbc.sql("""
                        insert into notification (recipient_id, kind, arguments, link, created_at)
                        select ?, 'NO_SOLUTION', array[n::text], '/', ? from generate_series(1, 150) n""")
                .params(advisor.getUserId(), Timestamp.from(clock.instant()))
                .update();

        Element bell = page("/notifications", advisor).selectFirst("[data-testid=bell-count]");

        assertThat(bell.text()).isEqualTo("99+ non lues");
    }

    @Test
    void theBellCostsOneStatementAndNoneOnARedirect() throws Exception {
        long id = notify(advisor, "NO_SOLUTION", "/", "1");

        long open = statements.count(() -> mvc.perform(post("/notifications/" + id + "/open").with(csrf())
                .with(user(advisor))).andExpect(status().is3xxRedirection()));

        // The session check and the update; no count for a page that is not rendered.
        assertThat(open).isEqualTo(2);
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private long notify(CurrentUser recipient, String kind, String link, String... arguments) {
        return jdbc.sql("""
                        insert into notification (recipient_id, kind, arguments, link, created_at)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(recipient.getUserId(), kind, arguments, link, Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    private void markRead(long id) {
        jdbc.sql("update notification set read_at = ? where id = ?")
                .params(Timestamp.from(clock.instant().minus(Duration.ofMinutes(1))), id).update();
    }

    private boolean isUnread(long id) {
        return readAt(id) == null;
    }

    private Instant readAt(long id) {
        List<Timestamp> readAt = jdbc.sql("select read_at from notification where id = ?").param(id)
                .query((rs, row) -> rs.getTimestamp(1)).list();
        assertThat(readAt).hasSize(1);
        return readAt.get(0) == null ? null : readAt.get(0).toInstant();
    }

    private Document page(String url, CurrentUser user) throws Exception {
        String html = mvc.perform(get(url).with(user(user))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return Jsoup.parse(html);
    }

    private static List<Long> shownIds(Document page) {
        return page.select("[data-testid=notifications] > li").stream()
                .map(item -> Long.valueOf(item.attr("data-notification"))).toList();
    }
}
