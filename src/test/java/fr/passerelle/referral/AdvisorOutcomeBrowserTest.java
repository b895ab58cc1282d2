package fr.passerelle.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import fr.passerelle.eligibility.EligibilityReviewService;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.routing.offer.AdvisorOutcomeFixtures;
import fr.passerelle.routing.offer.AdvisorOutcomeFixtures.Arranged;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The advisor follows the offers made for a family and records the outcome once the care has started, in a real
 * browser; every state of the page is checked with axe-core and leaves a screenshot.
 */
@BrowserTest
class AdvisorOutcomeBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    ApplicationContext context;

    @Autowired
    TestAccounts accounts;

    AdvisorOutcomeFixtures fixtures;
    ReferralFixtures referrals;
    Account advisor;
    Account officer;

    @BeforeEach
    void setUp() {
        // The browser tests' context has no ReferralFixtures bean: one is made from the application's services.
        referrals = new ReferralFixtures(context.getBean(ReferralService.class),
                context.getBean(ReferralRepository.class), context.getBean(EligibilityReviewService.class), accounts,
                context.getBean(OrganisationRepository.class), context.getBean(UserDetailsService.class),
                context.getBean(JdbcClient.class), context.getBean(Clock.class));
        fixtures = new AdvisorOutcomeFixtures(context, referrals);
        advisor = referrals.advisor();
        officer = referrals.officerIn(ReferralFixtures.ESSONNE);
    }

    @Test
    void theAdvisorFollowsTheOffersThenRecordsThatTheJobStartedAndTheReferralCloses() {
        Arranged arranged = fixtures.declinedThenArranged(advisor, officer, fixtures.today());
        String path = "/advisor/referrals/" + arranged.referral().getId();

        browser.signIn(advisor.username(), advisor.password());
        browser.open(path);
        List<WebElement> rows = browser.byTestId("offer-progress")
                .findElements(By.cssSelector("[data-testid='offer-progress-row']"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).contains("Assistant·e maternel·le", "Refusée", "Dates impossibles");
        assertThat(rows.get(1).getText()).contains("Crèche AVIP", "Acceptée");
        assertThat(browser.byTestId("offer-progress").getText())
                .doesNotContain(fixtures.providerName(arranged.offerId()));
        inspect("advisor-referral-care-arranged");

        new Select(driver().findElement(By.id("outcome"))).selectByValue("OTHER");
        browser.clickAndWait(browser.byTestId("record-outcome"));
        WebElement comment = driver().findElement(By.id("outcome-comment"));
        assertThat(comment.getDomAttribute("aria-describedby")).contains("outcome-comment-error");
        assertThat(driver().findElement(By.id("outcome-comment-error")).getText())
                .isEqualTo("Précisez ce qui s’est passé dans le commentaire.");
        assertThat(status()).isEqualTo("Garde organisée");
        inspect("advisor-referral-outcome-error");

        new Select(driver().findElement(By.id("outcome"))).selectByValue("JOB_STARTED");
        browser.type("comment", "CDI signé le premier jour.");
        browser.clickAndWait(browser.byTestId("record-outcome"));

        assertThat(browser.byTestId("flash").getText()).isEqualTo("Issue enregistrée : l’orientation est clôturée.");
        assertThat(status()).isEqualTo("Clôturée");
        assertThat(browser.byTestId("outcome").getText()).contains("Emploi commencé", "CDI signé le premier jour.");
        assertThat(driver().findElements(By.cssSelector("[data-testid='record-outcome']"))).isEmpty();
        inspect("advisor-referral-closed");
    }

    @Test
    void beforeTheFirstDayThePageSaysWhenTheOutcomeCanBeRecordedAndWithdrawalIsStillOffered() {
        Arranged arranged = fixtures.careArranged(advisor, officer, fixtures.today().plusDays(2));

        browser.signIn(advisor.username(), advisor.password());
        browser.open("/advisor/referrals/" + arranged.referral().getId());

        assertThat(browser.byTestId("outcome-too-early").getText()).contains("premier jour de la garde");
        assertThat(driver().findElements(By.cssSelector("[data-testid='record-outcome']"))).isEmpty();
        assertThat(driver().findElements(By.id("withdraw"))).hasSize(1);
        inspect("advisor-referral-outcome-too-early");
    }

    private static String status() {
        return browser.byTestId("status").getText().trim();
    }

    private static void inspect(String page) {
        browser.screenshot(page);
        browser.checkAccessibility(page);
    }

    private static org.openqa.selenium.WebDriver driver() {
        return browser.driver();
    }
}
