package fr.passerelle.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import fr.passerelle.referral.Outcome;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.referral.ReferralService;
import fr.passerelle.routing.offer.AdvisorOutcomeFixtures;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The advisor answers a follow-up and records France Travail's childcare aid in a real browser; every state of the
 * page is checked with axe-core and leaves a screenshot.
 */
@BrowserTest
class FollowUpBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    ApplicationContext context;

    @Autowired
    TestAccounts accounts;

    AdvisorOutcomeFixtures fixtures;
    ReferralFixtures referrals;
    JdbcClient jdbc;
    Account advisor;
    Account officer;

    @BeforeEach
    void setUp() {
        jdbc = context.getBean(JdbcClient.class);
        // The browser tests' context has no ReferralFixtures bean: one is made from the application's services.
        referrals = context.getAutowireCapableBeanFactory().createBean(ReferralFixtures.class);
        fixtures = new AdvisorOutcomeFixtures(context, referrals);
        advisor = referrals.advisor();
        officer = referrals.officerIn(ReferralFixtures.ESSONNE);
    }

    @Test
    void theAdvisorAnswersTheOneMonthFollowUp() {
        long id = fixtures.careArranged(advisor, officer, fixtures.today().plusDays(7)).referral().getId();
        jdbc.sql("update referral set first_day = current_date - 3, last_day = current_date - 2 where id = ?")
                .param(id).update();
        context.getBean(ReferralService.class).recordOutcome(referrals.principal(advisor), id, Outcome.JOB_STARTED,
                null);
        jdbc.sql("update referral set closed_at = closed_at - interval '40 days' where id = ?").param(id).update();
        context.getBean(FollowUps.class).createDueAt(context.getBean(Clock.class).instant());

        browser.signIn(advisor.username(), advisor.password());
        browser.open("/advisor");
        assertThat(browser.byTestId("follow-ups-pending").getText()).contains("à un mois");
        inspect("advisor-home-follow-up");

        browser.open("/advisor/referrals/" + id);
        driver().findElement(By.id("follow-up-answer-ENDED_EARLY")).click();
        browser.clickAndWait(browser.byTestId("answer-follow-up"));
        assertThat(driver().findElement(By.id("follow-up-reason-error")).getText())
                .isEqualTo("Indiquez le motif de l’arrêt.");
        assertThat(driver().findElement(By.id("follow-up-reason")).getDomAttribute("aria-describedby"))
                .isEqualTo("follow-up-reason-error");
        inspect("advisor-follow-up-error");

        new Select(driver().findElement(By.id("follow-up-reason"))).selectByValue("CHILDCARE");
        browser.type("comment", "Plus de solution de garde le soir.");
        browser.clickAndWait(browser.byTestId("answer-follow-up"));
        assertThat(browser.byTestId("flash").getText()).isEqualTo("Le suivi est enregistré.");
        assertThat(browser.byTestId("follow-ups").getText())
                .contains("S’est arrêté avant le terme", "Plus de solution de garde le soir.");
        inspect("advisor-follow-up-answered");
    }

    @Test
    void theAdvisorRecordsThatTheChildcareAidWasRequested() {
        long id = fixtures.careArranged(advisor, officer, fixtures.today().plusDays(7)).referral().getId();
        jdbc.sql("update referral set purpose = 'JOB' where id = ?").param(id).update();

        browser.signIn(advisor.username(), advisor.password());
        browser.open("/advisor/referrals/" + id);
        assertThat(browser.byTestId("childcare-aid").getText()).contains("moins de 12 ans");
        inspect("advisor-childcare-aid");

        driver().findElement(By.id("childcare-aid-yes")).click();
        browser.clickAndWait(browser.byTestId("record-childcare-aid"));
        assertThat(driver().findElement(By.id("childcare-aid-on-error")).getText())
                .isEqualTo("Indiquez la date de la demande.");
        inspect("advisor-childcare-aid-error");

        browser.pick("requestedOn", fixtures.today().toString());
        browser.clickAndWait(browser.byTestId("record-childcare-aid"));
        assertThat(browser.byTestId("flash").getText()).isEqualTo("L’aide à la garde d’enfants est enregistrée.");
        assertThat(browser.byTestId("childcare-aid-recorded").getText()).startsWith("Aide demandée le");
        inspect("advisor-childcare-aid-recorded");
    }

    private static void inspect(String page) {
        browser.screenshot(page);
        browser.checkAccessibility(page);
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
