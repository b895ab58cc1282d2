package fr.passerelle.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import fr.passerelle.organisation.Role;
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

/**
 * The first half of the workflow in a real browser: the advisor files, the Caf officer decides, and both read the
 * same timeline. Every page visited is checked with axe-core and leaves a screenshot.
 */
@BrowserTest
class ReferralJourneyBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    @Autowired
    Clock clock;

    Account advisor;
    Account officer;
    LocalDate firstDay;
    String parentName;

    @BeforeEach
    void accounts() {
        advisor = accounts.create(Role.ADVISOR);
        officer = accounts.create(Role.CAF_OFFICER);
        firstDay = LocalDate.now(clock).plusDays(3);
        // A name of its own, so that no referral of another test looks like a duplicate of this one.
        parentName = "Durand-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anAdvisorFilesTwoChildrenTheOfficerAsksTheAdvisorCorrectsAndTheFamilyIsEligible() {
        browser.signIn(advisor.username(), advisor.password());
        browser.open("/advisor/referrals/new");
        inspect("referral-new");
        fillParent();
        browser.clickAndWait(browser.byTestId("add-child"));
        browser.type("children[0].firstName", "Lina");
        browser.pick("children[0].birthDate", firstDay.minusYears(4).toString());
        browser.type("children[1].firstName", "Noah");
        // Noah turns 10 the day before the first day of care: over the limit.
        browser.pick("children[1].birthDate", firstDay.minusYears(10).minusDays(1).toString());
        fillNeed();
        // Flagged beside Noah's row as soon as both dates are typed, before the referral is sent.
        assertThat(driver().findElement(By.id("child-1-age")).isDisplayed()).isTrue();
        assertThat(driver().findElement(By.id("child-1-age")).getText()).startsWith("Cet enfant aura 10 ans ou plus");
        assertThat(driver().findElement(By.id("child-0-age")).isDisplayed()).isFalse();
        inspect("referral-new-child-too-old");
        browser.clickAndWait(browser.byTestId("submit-referral"));

        assertThat(status()).isEqualTo("Envoyée à la Caf");
        String referralPath = browser.currentPath();
        assertThat(referralPath).matches("/advisor/referrals/\\d+");
        String id = referralPath.substring(referralPath.lastIndexOf('/') + 1);
        inspect("referral-submitted");

        browser.signIn(officer.username(), officer.password());
        browser.open("/officer/queue");
        inspect("officer-queue");
        WebElement row = driver().findElement(By.cssSelector("a[href='/officer/referrals/" + id + "']"));
        assertThat(row.getText()).contains(parentName);
        browser.clickAndWait(row);
        assertThat(ruleOutcome("CHILDREN_UNDER_AGE_LIMIT")).isEqualTo("FAILED");
        assertThat(ruleOutcome("REGISTERED_JOB_SEEKER")).isEqualTo("PASSED");
        assertThat(browser.byTestId("checklist").getText()).contains("L’enfant 2 a 10 ans ou plus");
        inspect("officer-review-child-over-limit");
        decide("INFORMATION_REQUESTED", "Noah a 10 ans : confirmez-vous sa date de naissance ?");
        assertThat(browser.byTestId("flash").getText()).isEqualTo("Votre question est transmise au conseiller.");
        assertThat(driver().findElements(By.cssSelector("a[href='/officer/referrals/" + id + "']")))
                .as("waiting for the advisor, out of the queue").isEmpty();

        browser.signIn(advisor.username(), advisor.password());
        browser.open(referralPath);
        assertThat(browser.byTestId("question").getText()).contains("confirmez-vous sa date de naissance");
        inspect("referral-information-requested");
        browser.clickAndWait(browser.byTestId("edit"));
        browser.clickAndWait(driver().findElement(By.cssSelector("button[value='remove-child-1']")));
        browser.clickAndWait(browser.byTestId("save-referral"));
        assertThat(browser.byTestId("children").getText()).contains("Lina").doesNotContain("Noah");
        browser.type("answer", "Noah est gardé par sa grand-mère : il est retiré de la demande.");
        browser.clickAndWait(browser.byTestId("answer"));
        assertThat(status()).isEqualTo("Envoyée à la Caf");

        browser.signIn(officer.username(), officer.password());
        browser.open("/officer/referrals/" + id);
        assertThat(ruleOutcome("CHILDREN_UNDER_AGE_LIMIT")).isEqualTo("PASSED");
        decide("ELIGIBLE", "");
        assertThat(browser.byTestId("flash").getText()).isEqualTo("L’orientation est déclarée éligible.");
        browser.open("/officer/referrals/" + id);
        assertThat(status()).isEqualTo("Éligible");
        inspect("officer-review-eligible");
        List<String> officerTimeline = timeline();

        browser.signIn(advisor.username(), advisor.password());
        browser.open(referralPath);
        assertThat(status()).isEqualTo("Éligible");
        assertThat(timeline()).isEqualTo(officerTimeline).hasSize(5);
        assertThat(officerTimeline.get(2)).contains("Envoyée à la Caf → Information demandée")
                .contains("confirmez-vous sa date de naissance");
        assertThat(officerTimeline.get(3)).contains("Information demandée → Envoyée à la Caf")
                .contains("retiré de la demande");
        assertThat(officerTimeline.get(4)).contains("Envoyée à la Caf → Éligible");
        inspect("referral-eligible");
    }

    @Test
    void theOfficerDeclaresAFamilyIneligibleOnlyWithAReasonAndTheAdvisorSeesIt() {
        browser.signIn(advisor.username(), advisor.password());
        browser.open("/advisor/referrals/new");
        fillParent();
        browser.type("children[0].firstName", "Lina");
        browser.pick("children[0].birthDate", firstDay.minusYears(2).toString());
        fillNeed();
        browser.clickAndWait(browser.byTestId("submit-referral"));
        String referralPath = browser.currentPath();
        String id = referralPath.substring(referralPath.lastIndexOf('/') + 1);

        browser.signIn(officer.username(), officer.password());
        browser.open("/officer/referrals/" + id);
        decide("INELIGIBLE", "");
        WebElement summary = driver().findElement(By.id("error-summary"));
        assertThat(summary.getText()).contains("Choisissez le motif");
        assertThat(driver().findElement(By.id("reason")).getDomAttribute("aria-invalid")).isEqualTo("true");
        inspect("officer-review-missing-reason");
        new org.openqa.selenium.support.ui.Select(driver().findElement(By.id("reason")))
                .selectByValue("NOT_A_JOB_SEEKER");
        browser.type("comment", "Inscription radiée depuis septembre.");
        browser.clickAndWait(browser.byTestId("decide"));
        assertThat(browser.byTestId("flash").getText()).isEqualTo("L’orientation est déclarée non éligible.");

        browser.signIn(advisor.username(), advisor.password());
        browser.open(referralPath);
        assertThat(status()).isEqualTo("Non éligible");
        assertThat(timeline().get(2)).contains("Envoyée à la Caf → Non éligible")
                .contains("Inscription radiée depuis septembre.");
        inspect("referral-ineligible");
    }

    @Test
    void aFormWithMistakesKeepsWhatWasTypedAndShowsEachErrorNextToItsField() {
        browser.signIn(advisor.username(), advisor.password());
        browser.open("/advisor/referrals/new");
        browser.type("parentLastName", parentName);
        browser.type("franceTravailId", "12AB");
        browser.clickAndWait(browser.byTestId("submit-referral"));

        WebElement summary = driver().findElement(By.id("error-summary"));
        assertThat(summary.findElements(By.tagName("a"))).isNotEmpty();
        WebElement identifier = driver().findElement(By.name("franceTravailId"));
        assertThat(identifier.getDomProperty("value")).isEqualTo("12AB");
        assertThat(identifier.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver().findElement(By.id(identifier.getDomAttribute("aria-describedby").split(" ")[1])).getText())
                .isNotBlank();
        assertThat(driver().findElement(By.name("parentLastName")).getDomProperty("value")).isEqualTo(parentName);
        inspect("referral-form-errors");
    }

    private void fillParent() {
        browser.type("parentLastName", parentName);
        browser.type("parentFirstName", "Amina");
        browser.type("franceTravailId", "1234567A");
        driver().findElement(By.cssSelector("label[for='" + driver().findElement(By.name("jobSeekerAttested"))
                .getDomAttribute("id") + "']")).click();
        browser.type("phone", "06 12 34 56 78");
        browser.type("communeQuery", "Évry-Courcouronnes");
    }

    private void fillNeed() {
        driver().findElement(By.cssSelector("input[name='purpose'][value='JOB_INTERVIEW']")).click();
        driver().findElement(By.cssSelector("input[name='need'][value='EMERGENCY_HOME_CARE']")).click();
        browser.pick("firstDay", firstDay.toString());
        browser.pick("firstDayStartTime", "09:00");
        driver().findElement(By.name("consentGiven")).click();
    }

    private void decide(String outcome, String comment) {
        driver().findElement(By.cssSelector("input[name='outcome'][value='" + outcome + "']")).click();
        if (!comment.isEmpty()) {
            browser.type("comment", comment);
        }
        browser.clickAndWait(browser.byTestId("decide"));
    }

    private static String ruleOutcome(String rule) {
        return driver().findElement(By.cssSelector("[data-rule='" + rule + "']")).getDomAttribute("data-outcome");
    }

    private static String status() {
        return browser.byTestId("status").getText().trim();
    }

    private static List<String> timeline() {
        return browser.byTestId("timeline").findElements(By.tagName("li")).stream().map(WebElement::getText).toList();
    }

    /** A screenshot first, so that a failing accessibility check still leaves the picture behind. */
    private static void inspect(String page) {
        browser.screenshot(page);
        browser.checkAccessibility(page);
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
