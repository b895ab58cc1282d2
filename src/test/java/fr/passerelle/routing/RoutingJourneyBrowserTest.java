package fr.passerelle.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.CareNeed;
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
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The second half of the workflow in a real browser: the Caf officer routes an eligible referral, the provider answers,
 * the advisor records the outcome; and the registry's label decides who the officer may propose. Every page visited is
 * checked with axe-core and leaves a screenshot.
 */
@BrowserTest
@Import(ReferralFixtures.class)
class RoutingJourneyBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    @Autowired
    ReferralFixtures referrals;

    @Autowired
    ChildminderRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    OrganisationRepository organisations;

    RoutingFixtures fixtures;
    OfficerRoutingFixtures territory;
    Account advisor;
    Account officer;
    String departement;
    String commune;

    /**
     * Each journey in a département of its own, where no other test routes: the routing page shows the nearest
     * providers first, and those of other tests must not push this test's ones out of sight.
     */
    @BeforeEach
    void accounts() {
        fixtures = new RoutingFixtures(accounts, referrals, registry, jdbc, clock, organisations);
        territory = new OfficerRoutingFixtures(referrals, accounts, jdbc);
        departement = territory.quietDepartement();
        commune = referrals.communeIn(departement);
        advisor = accounts.create(Role.ADVISOR);
        officer = territory.officerIn(departement);
    }

    @Test
    void anEmergencyGoesToAHomeCareServiceThatAcceptsAndTheAdvisorClosesWithAJobStarted() {
        LocalDate today = LocalDate.now(clock);
        Referral referral = referrals.declareEligible(officer, referrals.file(advisor, referrals.family()
                .livingIn(commune, departement).need(CareNeed.EMERGENCY_HOME_CARE).on(today), true));
        ProviderRef service = territory.homeCareService(departement, "Aide à domicile");
        Account serviceUser = fixtures.userOf(fixtures.organisationOf(service));

        browser.signIn(officer.username(), officer.password());
        browser.open("/officer/routing");
        inspect("officer-routing-queue");
        browser.clickAndWait(routeLinkOf(referral));
        assertThat(browser.currentPath()).isEqualTo("/officer/referrals/" + referral.getId() + "/routing");
        inspect("officer-routing-emergency");
        sendOffer(service, "Maman en entretien à 14 h, merci de confirmer rapidement.");
        assertThat(browser.byTestId("current-offer").getText()).isNotBlank();
        inspect("officer-routing-offer-pending");

        browser.signIn(serviceUser.username(), serviceUser.password());
        browser.open("/provider/offers");
        inspect("provider-offers-pending");
        openOfferOf(serviceUser);
        assertThat(driver().findElements(By.cssSelector("[data-testid='parent-contact']")))
                .as("no contact before accepting").isEmpty();
        assertThat(browser.byTestId("time-left").getText()).isNotBlank();
        inspect("provider-offer-before-answer");
        browser.clickAndWait(browser.byTestId("accept"));
        assertThat(browser.byTestId("parent-contact").getText()).isNotBlank();
        inspect("provider-offer-accepted");

        browser.signIn(advisor.username(), advisor.password());
        browser.open("/advisor/referrals/" + referral.getId());
        assertThat(browser.byTestId("offer-progress").getText()).isNotBlank();
        inspect("advisor-care-arranged");
        new Select(driver().findElement(By.id("outcome"))).selectByValue("JOB_STARTED");
        browser.clickAndWait(browser.byTestId("record-outcome"));
        assertThat(browser.byTestId("outcome").getText()).contains("Emploi");
        assertThat(jdbc.sql("select status from referral where id = ?").param(referral.getId()).query(String.class)
                .single()).isEqualTo("CLOSED");
        inspect("advisor-closed");
    }

    @Test
    void aChildminderDeclinesAndTheOfficerRoutesToACrechePlaceThatIsAccepted() {
        Referral referral = occasionalCare();
        Childminder childminder = fixtures.childminderIn(commune, 2);
        ProviderRef childminderRef = RoutingFixtures.ref(childminder);
        ProviderRef creche = fixtures.crecheIn(departement, commune, 3);
        Account childminderUser = fixtures.userOf(fixtures.organisationOf(childminderRef));
        Account crecheUser = fixtures.userOf(fixtures.organisationOf(creche));

        browser.signIn(officer.username(), officer.password());
        browser.open("/officer/referrals/" + referral.getId() + "/routing");
        assertThat(candidateKeys()).contains(childminderRef.key(), creche.key());
        inspect("officer-routing-occasional");
        sendOffer(childminderRef, "");

        browser.signIn(childminderUser.username(), childminderUser.password());
        browser.open("/provider/offers");
        openOfferOf(childminderUser);
        new Select(driver().findElement(By.id("decline-reason"))).selectByValue("DATES_UNAVAILABLE");
        browser.type("comment", "Déjà complète ce jour-là.");
        browser.clickAndWait(browser.byTestId("decline"));
        inspect("provider-offer-declined");

        browser.signIn(officer.username(), officer.password());
        browser.open("/officer/routing");
        WebElement returned = routeLinkOf(referral);
        browser.clickAndWait(returned);
        assertThat(candidateKeys()).doesNotContain(childminderRef.key()).contains(creche.key());
        assertThat(excludedKeys()).contains(childminderRef.key());
        inspect("officer-routing-after-decline");
        sendOffer(creche, "Place d’urgence pour deux semaines.");

        browser.signIn(crecheUser.username(), crecheUser.password());
        browser.open("/provider/offers");
        openOfferOf(crecheUser);
        browser.clickAndWait(browser.byTestId("accept"));
        assertThat(browser.byTestId("parent-contact").getText()).isNotBlank();
        inspect("creche-offer-accepted");
        assertThat(jdbc.sql("select status from referral where id = ?").param(referral.getId()).query(String.class)
                .single()).isEqualTo("CARE_ARRANGED");
    }

    @Test
    void aSuspendedChildminderLeavesTheCandidatesAndComesBackWhenReinstated() {
        Referral referral = occasionalCare();
        Childminder childminder = fixtures.childminderIn(commune, 2);
        String key = RoutingFixtures.ref(childminder).key();
        Account admin = accounts.create(Role.ADMIN);
        String routingPage = "/officer/referrals/" + referral.getId() + "/routing";

        browser.signIn(officer.username(), officer.password());
        browser.open(routingPage);
        assertThat(candidateKeys()).contains(key);

        browser.signIn(admin.username(), admin.password());
        browser.open("/admin/childminders/" + childminder.getId());
        driver().findElement(By.id("suspend-reason")).sendKeys("Contrôle de la PMI en cours.");
        browser.clickAndWait(browser.byTestId("suspend"));
        assertThat(browser.byTestId("label-status").getText()).isEqualTo("Suspendu");

        browser.signIn(officer.username(), officer.password());
        browser.open(routingPage);
        assertThat(candidateKeys()).doesNotContain(key);
        assertThat(excludedKeys()).contains(key);
        assertThat(driver().findElement(By.cssSelector("[data-testid='excluded-candidate'][data-provider='" + key
                + "']")).getText()).containsIgnoringCase("suspendu");
        inspect("officer-routing-label-suspended");

        browser.signIn(admin.username(), admin.password());
        browser.open("/admin/childminders/" + childminder.getId());
        browser.clickAndWait(browser.byTestId("reinstate"));
        assertThat(browser.byTestId("label-status").getText()).isEqualTo("Actif");

        browser.signIn(officer.username(), officer.password());
        browser.open(routingPage);
        assertThat(candidateKeys()).contains(key);
    }

    private Referral occasionalCare() {
        return referrals.declareEligible(officer, referrals.file(advisor, referrals.family()
                .livingIn(commune, departement), true));
    }

    private void sendOffer(ProviderRef provider, String message) {
        WebElement candidate = driver().findElement(
                By.cssSelector("[data-testid='candidate'][data-provider='" + provider.key() + "']"));
        WebElement field = candidate.findElement(By.id("message-" + provider.key()));
        field.clear();
        field.sendKeys(message);
        browser.clickAndWait(candidate.findElement(By.cssSelector("[data-testid='send-offer']")));
    }

    private WebElement routeLinkOf(Referral referral) {
        return driver().findElement(By.cssSelector("[data-testid='route-link'][href='/officer/referrals/"
                + referral.getId() + "/routing']"));
    }

    /** The provider's users see only their organisation's offers: the one pending is this test's. */
    private void openOfferOf(Account provider) {
        List<WebElement> links = driver().findElements(By.cssSelector("[data-testid='offer-link']"));
        assertThat(links).as("the offers of " + provider.username()).hasSize(1);
        browser.clickAndWait(links.get(0));
    }

    private List<String> candidateKeys() {
        return keys("candidate");
    }

    private List<String> excludedKeys() {
        return keys("excluded-candidate");
    }

    private List<String> keys(String testId) {
        return driver().findElements(By.cssSelector("[data-testid='" + testId + "']")).stream()
                .map(element -> element.getDomAttribute("data-provider")).toList();
    }

    private String status() {
        return browser.byTestId("status").getText().trim();
    }

    private void inspect(String pageName) {
        browser.checkAccessibility(pageName);
        browser.screenshot("routing-" + pageName);
    }

    private WebDriver driver() {
        return browser.driver();
    }
}
