package fr.passerelle.routing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The officer routes an emergency in a real browser: from the home page's figures to the routing queue, the routing
 * page of the referral with a home-care service ranked first, the offer sent, and the offer pending in the queue.
 * Every page is checked with axe-core and leaves a screenshot.
 */
@BrowserTest
class OfficerRoutingBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AutowireCapableBeanFactory beans;

    OfficerRoutingFixtures fixtures;
    String departement;
    Account officer;

    @BeforeEach
    void setUp() {
        // The referral fixtures are a bean of the MockMvc tests' context only: made here without changing this one.
        ReferralFixtures referrals = beans.createBean(ReferralFixtures.class);
        fixtures = new OfficerRoutingFixtures(referrals, accounts, jdbc);
        departement = fixtures.quietDepartement();
        officer = fixtures.officerIn(departement);
    }

    @Test
    void theOfficerSendsAnEmergencyToAHomeCareServiceAndSeesTheOfferPending() {
        Referral referral = fixtures.eligibleEmergency(fixtures.referrals.advisor(), officer, departement);
        ProviderRef service = fixtures.homeCareService(departement, "Aide à domicile Soleil");
        ProviderRef closed = fixtures.homeCareService(departement, "Service fermé");
        fixtures.deactivate(closed);

        browser.signIn(officer.username(), officer.password());
        browser.open("/officer");
        assertThat(browser.byTestId("count-to-route").getText()).startsWith("1");
        assertThat(browser.byTestId("count-offers-pending").getText()).startsWith("0");
        inspect("officer-home-counts");

        browser.clickAndWait(driver().findElement(By.cssSelector("[data-testid='nav-routing']")));
        WebElement row = browser.byTestId("route-row");
        assertThat(row.getText()).contains("Urgence");
        inspect("officer-routing-queues");
        browser.clickAndWait(row.findElement(By.cssSelector("[data-testid='route-link']")));
        browser.waitForPath("/officer/referrals/" + referral.getId() + "/routing");

        WebElement candidate = driver().findElement(
                By.cssSelector("[data-testid='candidate'][data-provider='" + service.key() + "']"));
        assertThat(candidate.findElement(By.cssSelector("[data-testid='candidate-name']")).getText())
                .startsWith("Aide à domicile Soleil");
        assertThat(candidate.getText()).contains("Même commune", "Couvre la commune de la famille");
        WebElement excluded = driver().findElement(
                By.cssSelector("[data-testid='excluded-candidate'][data-provider='" + closed.key() + "']"));
        assertThat(excluded.getText()).contains("Ce prestataire est désactivé dans le registre");
        assertThat(browser.byTestId("emergency").getText()).isEqualTo("Urgence");
        inspect("officer-routing-page");

        candidate.findElement(By.id("message-" + service.key())).sendKeys("Entretien d’embauche à 9 h.");
        browser.clickAndWait(candidate.findElement(By.cssSelector("[data-testid='send-offer']")));

        assertThat(browser.byTestId("flash").getText()).startsWith("La proposition est envoyée");
        WebElement current = browser.byTestId("current-offer");
        assertThat(current.getText()).contains("Aide à domicile Soleil");
        assertThat(current.findElement(By.cssSelector("[data-testid='time-left']")).getText()).matches("2[34] h \\d+ min restantes");
        assertThat(driver().findElements(By.cssSelector("[data-testid='send-offer']"))).isEmpty();
        inspect("officer-routing-offered");

        browser.open("/officer/routing");
        WebElement pending = browser.byTestId("pending-offer-row");
        assertThat(pending.getAttribute("data-referral")).isEqualTo(String.valueOf(referral.getId()));
        assertThat(pending.getAttribute("data-overdue")).isEqualTo("false");
        assertThat(pending.getText()).contains("Aide à domicile Soleil");
        assertThat(pending.findElement(By.cssSelector("[data-testid='time-left']")).getText()).matches("2[34] h \\d+ min restantes");
        assertThat(driver().findElements(By.cssSelector("[data-testid='route-row']"))).isEmpty();
        inspect("officer-routing-queues-pending");
    }

    private static void inspect(String page) {
        browser.screenshot(page);
        browser.checkAccessibility(page);
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
