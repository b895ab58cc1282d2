package fr.passerelle.routing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The automatic hand-on in a real browser: the Caf administrator's settings (a bad number next to its field, then a
 * choice saved), and the officer's routing page showing the chain and stopping it. Every page is checked with
 * axe-core and leaves a screenshot.
 */
@BrowserTest
class HandOnBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrganisationRepository organisations;

    @Autowired
    OfferService offers;

    @Autowired
    AutowireCapableBeanFactory beans;

    OfficerRoutingFixtures fixtures;
    String departement;
    Account officer;
    Account admin;

    @BeforeEach
    void setUp() {
        ReferralFixtures referrals = beans.createBean(ReferralFixtures.class);
        fixtures = new OfficerRoutingFixtures(referrals, accounts, jdbc);
        departement = fixtures.quietDepartement();
        officer = fixtures.officerIn(departement);
        admin = accounts.create(Role.ADMIN, organisations
                .findById(referrals.principal(officer).getOrganisationId()).orElseThrow());
    }

    @Test
    void theCafChoosesAutomaticHandOnAndTheOfficerStopsAChain() {
        ProviderRef first = fixtures.homeCareService(departement, "Aide Alpha");
        fixtures.homeCareService(departement, "Aide Bêta");
        Referral referral = fixtures.eligibleEmergency(fixtures.referrals.advisor(), officer, departement);

        browser.signIn(admin.username(), admin.password());
        browser.open("/admin/hand-on");
        inspect("hand-on-settings");
        WebElement emergency = form("EMERGENCY_HOME_CARE");
        WebElement hops = emergency.findElement(By.name("maxHops"));
        hops.clear();
        hops.sendKeys("abc");
        browser.clickAndWait(emergency.findElement(By.cssSelector("[data-testid='save-EMERGENCY_HOME_CARE']")));
        assertThat(browser.byTestId("max-hops-error").getText()).isEqualTo("Indiquez un nombre entier de 1 à 20.");
        assertThat(form("EMERGENCY_HOME_CARE").findElement(By.name("maxHops")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        inspect("hand-on-settings-error");

        emergency = form("EMERGENCY_HOME_CARE");
        hops = emergency.findElement(By.name("maxHops"));
        hops.clear();
        hops.sendKeys("2");
        WebElement automatic = emergency.findElement(By.name("automatic"));
        if (!automatic.isSelected()) {
            automatic.click();
        }
        browser.clickAndWait(emergency.findElement(By.cssSelector("[data-testid='save-EMERGENCY_HOME_CARE']")));
        assertThat(browser.byTestId("flash").getText()).startsWith("Le réglage du passage automatique");
        assertThat(form("EMERGENCY_HOME_CARE").getText()).contains("Réglage choisi par votre Caf");

        long sent = offers.sendOffer(fixtures.referrals.principal(officer), referral.getId(), first, null).offerId();
        Account provider = accounts.create(Role.PROVIDER, organisations.findById(jdbc.sql(
                "select organisation_id from home_care_service where id = ?").param(first.id()).query(Long.class)
                .single()).orElseThrow());
        offers.decline(fixtures.referrals.principal(provider), sent, DeclineReason.NO_CAPACITY, null);

        browser.signIn(officer.username(), officer.password());
        browser.open("/officer/referrals/" + referral.getId() + "/routing");
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid='history-sent-how']")))
                .extracting(WebElement::getText).containsExactly("Par un agent", "Automatique (passage n° 1)");
        assertThat(browser.byTestId("hand-on-active").getText()).contains("2 passages automatiques au plus");
        inspect("hand-on-chain");

        browser.clickAndWait(browser.byTestId("stop-hand-on"));
        assertThat(browser.byTestId("flash").getText()).startsWith("Le passage automatique est arrêté");
        assertThat(browser.byTestId("hand-on-stopped").getText()).startsWith("Passage automatique arrêté le");
        inspect("hand-on-stopped");
    }

    private static WebElement form(String need) {
        return browser.driver().findElement(By.cssSelector("form[data-need='" + need + "']"));
    }

    private static void inspect(String page) {
        browser.screenshot(page);
        browser.checkAccessibility(page);
    }
}
