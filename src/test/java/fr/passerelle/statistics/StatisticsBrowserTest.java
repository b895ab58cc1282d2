package fr.passerelle.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A Caf officer opens the statistics of a territory (Cantal, 15) with referrals of the last weeks: the charts are
 * drawn next to their tables, within the CSP, and the page passes axe-core; a custom range is chosen in the form and
 * lands in the address.
 */
@BrowserTest
class StatisticsBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    StatisticsRefresh refresh;

    @Test
    void anOfficerSeesChartsAndTablesAndChoosesAPeriod() {
        Organisation caf = accounts.organisation(OrganisationKind.CAF, "15", "15014");
        Organisation agency = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY, "15", "15014");
        Account officer = accounts.create(Role.CAF_OFFICER, caf);
        Account advisor = accounts.create(Role.ADVISOR, agency);
        StatisticsFixtures fixtures = new StatisticsFixtures(jdbc, clock.getZone());
        Instant base = LocalDate.now(clock).minusDays(20).atTime(9, 0).atZone(clock.getZone()).toInstant();
        for (int i = 0; i < 8; i++) {
            Instant sent = base.plus(Duration.ofDays(i));
            long id = fixtures.draft(agency.getId(), advisor.user().getId(), "15014", "15", "OCCASIONAL", "JOB", sent);
            fixtures.sent(id, advisor.user().getId(), sent);
            fixtures.eligible(id, officer.user().getId(), sent.plus(Duration.ofHours(3 + i)));
        }
        refresh.refreshAll();

        browser.signIn(officer.username(), officer.password());
        browser.clickAndWait(browser.byTestId("nav-statistics"));
        assertThat(browser.currentPath()).isEqualTo("/statistics");
        assertThat(browser.byTestId("table-summary").getText()).contains("Orientations envoyées à la Caf");
        browser.byTestId("statistics");
        assertThat(browser.driver().findElements(By.cssSelector(".stat-chart canvas"))).isNotEmpty();
        assertThat(browser.driver().findElement(By.cssSelector("[data-chart-for='table-trend'] canvas"))
                .getDomAttribute("aria-label")).startsWith("Graphique : Évolution");
        browser.checkAccessibility("statistics");
        browser.screenshot("statistics");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()",
                browser.driver().findElement(By.id("section-trend")));
        browser.screenshot("statistics-trend");

        new Select(browser.driver().findElement(By.id("period"))).selectByValue("CUSTOM");
        browser.pick("from", LocalDate.now(clock).minusDays(30).toString());
        browser.pick("to", LocalDate.now(clock).toString());
        new Select(browser.driver().findElement(By.id("by"))).selectByValue("NEED");
        browser.clickAndWait(browser.byTestId("apply-filters"));
        assertThat(browser.currentPath()).contains("period=CUSTOM", "by=NEED");
        assertThat(browser.byTestId("table-breakdown").getText()).contains("Accueil occasionnel");
        browser.checkAccessibility("statistics-custom");
    }
}
