package fr.passerelle.notification.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import fr.passerelle.organisation.Role;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bell, the notifications page and the outbox page in a real browser, each checked with axe-core: a person
 * follows the bell, opens a notification and lands on its page with one unread fewer; an administrator retries a
 * failed email.
 */
@BrowserTest
class NotificationBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void aPersonFollowsTheBellAndOpensANotification() {
        Account advisor = accounts.create(Role.ADVISOR);
        notify(advisor, "FOUND_ELIGIBLE", "/advisor/referrals", Duration.ofHours(2), "41");
        notify(advisor, "CARE_ARRANGED", "/advisor", Duration.ofMinutes(5), "42", "Crèche Les Lutins", "02/03/2026");

        browser.signIn(advisor.username(), advisor.password());
        assertThat(bell()).isEqualTo("Notifications 2 non lues");
        browser.clickAndWait(browser.byTestId("bell"));
        assertThat(browser.currentPath()).isEqualTo("/notifications");
        browser.checkAccessibility("notifications");
        browser.screenshot("notifications");

        var newest = browser.driver().findElements(By.cssSelector("[data-testid=notifications] > li")).get(0);
        assertThat(newest.getText()).contains("Non lue", "garde organisée avec Crèche Les Lutins");
        browser.clickAndWait(newest.findElement(By.cssSelector("[data-testid=open]")));

        assertThat(browser.currentPath()).isEqualTo("/advisor");
        assertThat(bell()).isEqualTo("Notifications 1 non lue");
    }

    @Test
    void anAdministratorRetriesAFailedEmail() {
        Account admin = accounts.create(Role.ADMIN);
        long recipient = accounts.create(Role.PROVIDER).user().getId();
        String address = "browser-" + recipient + "@example.fr";
        jdbc.sql("""
                        insert into outbound_email (kind, recipient_user_id, to_address, locale, subject, text_body,
                                                    html_body, status, attempts, next_attempt_at, last_error,
                                                    created_at, failed_at)
                        values ('OFFER_SENT', ?, ?, 'fr', 's', 't', 'h', 'FAILED', 5, ?, 'Connection refused', ?, ?)""")
                .params(recipient, address, now(), now(), now())
                .update();

        browser.signIn(admin.username(), admin.password());
        browser.clickAndWait(browser.byTestId("emails-link-FAILED"));
        assertThat(browser.currentPath()).isEqualTo("/admin/notifications?status=FAILED");
        browser.checkAccessibility("outbox failed");
        browser.screenshot("outbox-failed");

        var row = browser.driver().findElements(By.cssSelector("[data-testid=outbox-row]")).stream()
                .filter(candidate -> candidate.getText().contains(address)).findFirst().orElseThrow();
        browser.clickAndWait(row.findElement(By.cssSelector("[data-testid=retry]")));

        assertThat(browser.byTestId("flash").getText()).startsWith("L’e-mail est remis en attente");
        browser.clickAndWait(browser.byTestId("tab-PENDING"));
        assertThat(browser.byTestId("outbox-table").getText()).contains(address);
        browser.checkAccessibility("outbox pending");
    }

    private void notify(Account recipient, String kind, String link, Duration ago, String... arguments) {
        jdbc.sql("insert into notification (recipient_id, kind, arguments, link, created_at) values (?, ?, ?, ?, ?)")
                .params(recipient.user().getId(), kind, arguments, link,
                        Timestamp.from(clock.instant().minus(ago)))
                .update();
    }

    /** The bell as a screen reader says it (its count and the visually hidden words). */
    private static String bell() {
        return browser.byTestId("bell").getText().replaceAll("\\s+", " ");
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
