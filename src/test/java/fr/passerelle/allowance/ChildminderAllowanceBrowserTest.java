package fr.passerelle.allowance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;

import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The childminder's availability and statement pages in a real browser: an absence refused then declared, a statement
 * opened and confirmed. Every page visited is checked with axe-core and leaves a screenshot.
 */
@BrowserTest
@Import(ReferralFixtures.class)
class ChildminderAllowanceBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;
    @Autowired
    ReferralFixtures referrals;
    @Autowired
    ChildminderRegistry registry;
    @Autowired
    OfferService offers;
    @Autowired
    OrganisationRepository organisations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MonthlyStatements monthly;

    @Test
    void aChildminderDeclaresAnAbsenceThenConfirmsHerStatement() {
        AllowanceFixtures fixtures = new AllowanceFixtures(referrals, accounts, registry, offers, organisations, jdbc);
        AllowanceFixtures.Minder minder = fixtures.childminder();
        LocalDate day = fixtures.placed(minder);
        fixtures.rule(YearMonth.from(day));
        monthly.compute(YearMonth.from(day));

        browser.signIn(minder.user().username(), minder.user().password());
        browser.open("/provider");
        browser.clickAndWait(browser.byTestId("nav-availability"));
        browser.waitForPath("/provider/availability");
        assertThat(browser.byTestId("no-absence").getText()).isEqualTo("Aucune absence déclarée.");
        inspect("availability");

        LocalDate first = day.plusDays(20);
        browser.driver().findElement(By.cssSelector("#reason option[value='HOLIDAY']")).click();
        browser.pick("firstDay", first.toString());
        browser.pick("lastDay", first.minusDays(2).toString());
        browser.clickAndWait(browser.byTestId("declare-absence"));
        assertThat(browser.driver().findElement(By.id("lastDay-error")).getText())
                .isEqualTo("Le dernier jour d’absence doit être le premier jour ou après.");
        inspect("availability-error");

        browser.pick("lastDay", first.plusDays(4).toString());
        browser.clickAndWait(browser.byTestId("declare-absence"));
        assertThat(browser.byTestId("flash").getText()).isEqualTo("Votre absence est enregistrée.");
        assertThat(browser.byTestId("absence").getText()).contains("Congés");

        browser.clickAndWait(browser.byTestId("nav-statements"));
        browser.waitForPath("/provider/statements");
        assertThat(browser.byTestId("statement-row").getText()).contains("À confirmer", "20,00 €");
        inspect("statements");

        browser.clickAndWait(browser.byTestId("statement-row").findElement(By.tagName("a")));
        assertThat(browser.byTestId("statement-lines").getText()).contains("1 jour(s)");
        inspect("statement");
        browser.clickAndWait(browser.byTestId("confirm-statement"));
        browser.screenshot("statement-after-confirm");
        assertThat(browser.byTestId("flash").getText()).isEqualTo("Votre relevé est confirmé : la Caf va le valider.");
        assertThat(browser.byTestId("provider-statement").getText()).contains("Confirmé, à valider par la Caf");
        inspect("statement-confirmed");
    }

    private static void inspect(String pageName) {
        browser.screenshot(pageName);
        browser.checkAccessibility(pageName);
    }
}
