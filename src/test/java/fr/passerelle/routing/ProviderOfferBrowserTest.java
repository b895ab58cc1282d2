package fr.passerelle.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.routing.ProviderOfferFixtures.Sent;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;

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
 * The provider's side in a real browser: a childminder declines an offer with a reason, a home-care service accepts
 * one and only then reads the parent's contact. Every page visited is checked with axe-core and leaves a screenshot.
 */
@BrowserTest
@Import(ReferralFixtures.class)
class ProviderOfferBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    @Autowired
    ReferralFixtures referrals;

    @Autowired
    ChildminderRegistry registry;

    @Autowired
    OrganisationRepository organisations;

    @Autowired
    OfferService offers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    ProviderOfferFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new ProviderOfferFixtures(accounts, referrals, registry, jdbc, clock, organisations, offers);
    }

    @Test
    void aChildminderOpensAPendingOfferAndDeclinesItWithAReason() {
        Sent sent = fixtures.toChildminder(2);

        browser.signIn(sent.provider().username(), sent.provider().password());
        browser.open("/provider");
        assertThat(browser.byTestId("count-pending").getText()).isEqualTo("1");
        assertThat(browser.byTestId("count-accepted").getText()).isEqualTo("0");
        inspect("provider-home");

        browser.clickAndWait(browser.byTestId("nav-provider-offers"));
        browser.waitForPath("/provider/offers");
        WebElement row = browser.byTestId("offer-row");
        assertThat(row.getText()).contains("Évry-Courcouronnes", "Accueil occasionnel");
        assertThat(browser.byTestId("time-left").getText()).matches("Reste 4[78] h \\d\\d");
        inspect("provider-offers-pending");

        browser.clickAndWait(browser.byTestId("offer-link"));
        browser.waitForPath("/provider/offers/" + sent.offerId());
        assertThat(browser.byTestId("children").getText()).contains("Noah — 4 ans");
        assertThat(browser.byTestId("accept").getText()).isEqualTo("Accepter et réserver la place");
        assertThat(driver().findElements(By.cssSelector("[data-testid='parent-contact']"))).isEmpty();
        assertThat(driver().getPageSource()).doesNotContain(sent.parentLastName(), ProviderOfferFixtures.PARENT_PHONE);
        inspect("provider-offer-pending");

        // "Other" needs a comment: the page says so next to the field, and nothing is saved.
        new Select(driver().findElement(By.id("decline-reason"))).selectByValue("OTHER");
        browser.clickAndWait(browser.byTestId("decline"));
        assertThat(driver().findElement(By.id("decline-comment-error")).getText())
                .isEqualTo("Précisez le motif du refus dans le commentaire.");
        assertThat(fixtures.offerStatus(sent)).isEqualTo("PENDING");
        inspect("provider-offer-decline-error");

        new Select(driver().findElement(By.id("decline-reason"))).selectByValue("DATES_UNAVAILABLE");
        browser.type("comment", "Je suis en formation ce jour-là.");
        browser.clickAndWait(browser.byTestId("decline"));
        browser.waitForPath("/provider/offers");
        assertThat(browser.byTestId("flash").getText())
                .isEqualTo("Votre refus est enregistré : la Caf oriente la famille vers un autre accueil.");
        assertThat(browser.byTestId("empty").getText()).isEqualTo("Aucune proposition n’attend votre réponse.");
        assertThat(fixtures.reload(sent).getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);

        browser.clickAndWait(browser.byTestId("tab-DECLINED"));
        browser.clickAndWait(browser.byTestId("offer-link"));
        assertThat(browser.byTestId("decline-details").getText()).contains("Dates impossibles",
                "Je suis en formation ce jour-là.");
        inspect("provider-offer-declined");
    }

    @Test
    void aHomeCareServiceAcceptsAnOfferAndThenSeesTheParentsContact() {
        Sent sent = fixtures.toHomeCare();

        browser.signIn(sent.provider().username(), sent.provider().password());
        browser.open("/provider/offers");
        assertThat(browser.byTestId("time-left").getText()).matches("Reste 2[34] h \\d\\d");
        browser.clickAndWait(browser.byTestId("offer-link"));
        assertThat(driver().getPageSource()).doesNotContain(sent.parentLastName(), ProviderOfferFixtures.PARENT_PHONE);
        assertThat(browser.byTestId("accept").getText()).isEqualTo("Accepter");

        browser.clickAndWait(browser.byTestId("accept"));
        browser.waitForPath("/provider/offers/" + sent.offerId());
        assertThat(browser.byTestId("flash").getText()).startsWith("Vous avez accepté la proposition");
        WebElement contact = browser.byTestId("parent-contact");
        assertThat(contact.getText()).contains(sent.parentFirstName() + " " + sent.parentLastName(),
                ProviderOfferFixtures.PARENT_PHONE);
        assertThat(contact.findElement(By.cssSelector("a[href^='tel:']")).getAttribute("href"))
                .isEqualTo("tel:0612345678");
        assertThat(browser.byTestId("offer-status").getText()).isEqualTo("Acceptée");
        assertThat(fixtures.reload(sent).getStatus()).isEqualTo(ReferralStatus.CARE_ARRANGED);
        inspect("provider-offer-accepted");

        browser.open("/provider");
        assertThat(browser.byTestId("count-pending").getText()).isEqualTo("0");
        assertThat(browser.byTestId("count-accepted").getText()).isEqualTo("1");
        browser.clickAndWait(browser.byTestId("count-accepted").findElement(By.xpath("./ancestor::a")));
        browser.waitForPath("/provider/offers?status=ACCEPTED");
        assertThat(browser.byTestId("offer-row").getText()).contains("Garde ponctuelle d’urgence à domicile");
        inspect("provider-offers-accepted");
    }

    private void inspect(String pageName) {
        browser.screenshot(pageName);
        browser.checkAccessibility(pageName);
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
