package fr.passerelle.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.statistics.StatisticsFixtures;
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
 * The data protection pages in Chromium, each checked with axe-core: the notice from the login page's footer; the
 * administrator's retention page, right-of-access search (errors next to their fields, then a person found) and
 * access log; the advisor recording that a parent withdrew consent.
 */
@BrowserTest
class PrivacyBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void theNoticeTheAdministratorsPagesAndAConsentWithdrawal() {
        Organisation agency = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY, "91", "91228");
        Account advisor = accounts.create(Role.ADVISOR, agency);
        StatisticsFixtures fixtures = new StatisticsFixtures(jdbc, clock.getZone());
        Instant sent = clock.instant();
        long id = fixtures.draft(agency.getId(), advisor.user().getId(), "91228", "91", "OCCASIONAL", "JOB", sent);
        fixtures.sent(id, advisor.user().getId(), sent);
        String franceTravailId = jdbc.sql("select france_travail_id from referral where id = ?").param(id)
                .query(String.class).single();

        browser.open("/login");
        browser.clickAndWait(browser.byTestId("footer-privacy"));
        assertThat(browser.byTestId("retention-periods").getText()).contains("24 mois", "90 jours", "12 mois");
        browser.checkAccessibility("privacy-notice");

        Account admin = accounts.create(Role.ADMIN);
        browser.signIn(admin.username(), admin.password());
        browser.clickAndWait(browser.byTestId("nav-privacy"));
        assertThat(browser.byTestId("retention-next").getText()).contains("Orientations terminées à anonymiser");
        browser.checkAccessibility("privacy-admin");
        browser.screenshot("privacy-admin");

        browser.clickAndWait(browser.byTestId("rights-link"));
        browser.clickAndWait(browser.byTestId("rights-search"));
        assertThat(browser.driver().findElement(By.id("lastName-error")).getText()).contains("nom du parent");
        browser.checkAccessibility("privacy-rights-errors");
        browser.type("franceTravailId", franceTravailId);
        browser.clickAndWait(browser.byTestId("rights-search"));
        assertThat(browser.byTestId("rights-found").getText()).contains(String.valueOf(id));
        assertThat(browser.currentPath()).doesNotContain(franceTravailId);
        browser.checkAccessibility("privacy-rights-found");
        browser.screenshot("privacy-rights");

        browser.open("/admin/privacy/referrals/" + id + "/accesses");
        browser.checkAccessibility("privacy-accesses");

        browser.signIn(advisor.username(), advisor.password());
        browser.open("/advisor/referrals/" + id);
        browser.clickAndWait(browser.byTestId("withdraw-consent"));
        assertThat(browser.driver().findElement(By.id("consent-error")).getText()).contains("Cochez la case");
        browser.checkAccessibility("consent-withdrawal-error");
        browser.driver().findElement(By.id("consent-confirmed")).click();
        browser.clickAndWait(browser.byTestId("withdraw-consent"));
        assertThat(browser.byTestId("flash").getText()).contains("Retrait du consentement enregistré");
        assertThat(browser.byTestId("anonymised").isDisplayed()).isTrue();
        browser.checkAccessibility("referral-anonymised");
        browser.screenshot("referral-anonymised");
    }
}
