package fr.passerelle.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A Caf administrator finds the unmet needs export's form on the statistics page, asks for 25 months on its own page
 * and gets the form back with the error next to the last month, no file; both pages pass axe-core.
 */
@BrowserTest
class UnmetNeedsBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    @Test
    void anAdministratorAsksForTooManyMonthsAndIsToldNextToTheField() {
        Account admin = accounts.create(Role.ADMIN, accounts.organisation(OrganisationKind.CAF, "52", "52121"));
        browser.signIn(admin.username(), admin.password());
        browser.open("/statistics");
        assertThat(browser.byTestId("unmet-needs-form").getText()).contains("Premier mois", "Dernier mois");
        browser.checkAccessibility("statistics-admin");

        browser.open("/statistics/unmet-needs");
        browser.pick("from", "2019-01");
        browser.pick("to", "2021-01");
        browser.clickAndWait(browser.byTestId("export-unmet-needs"));
        assertThat(browser.currentPath()).startsWith("/statistics/unmet-needs.csv?from=2019-01&to=2021-01");
        assertThat(browser.driver().findElement(By.id("unmet-to-error")).getText())
                .contains("Un export couvre 24 mois au plus et celui-ci en compte 25");
        assertThat(browser.driver().findElement(By.id("unmet-to")).getDomAttribute("aria-describedby"))
                .isEqualTo("unmet-month-hint unmet-to-error");
        assertThat(browser.byTestId("unmet-needs-errors").getText()).contains("Aucun fichier");
        browser.checkAccessibility("unmet-needs-error");
        browser.screenshot("unmet-needs-error");
    }
}
