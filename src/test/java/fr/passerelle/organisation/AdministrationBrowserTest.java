package fr.passerelle.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

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

/**
 * The administrator's work in a real browser: an account created, its password reset and changed at first sign-in;
 * a home-care service's coverage given by EPCI; the audit trail showing it all. Every page visited is checked with
 * axe-core and leaves a screenshot.
 */
@BrowserTest
class AdministrationBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    Account admin;
    Organisation agency;
    String unique;

    @BeforeEach
    void accounts() {
        admin = accounts.create(Role.ADMIN);
        agency = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY);
        unique = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anAdministratorCreatesAnAccountResetsItsPasswordAndTheNewcomerMustChooseOne() {
        String username = "nora-" + unique;
        browser.signIn(admin.username(), admin.password());
        browser.open("/admin/users");
        inspect("admin-users");
        browser.clickAndWait(browser.byTestId("new-user"));
        browser.clickAndWait(browser.byTestId("create-user"));
        assertThat(driver().findElement(By.id("error-summary")).getText()).contains("Indiquez l’identifiant.");
        assertThat(driver().findElement(By.id("displayName")).getDomAttribute("aria-invalid")).isEqualTo("true");
        inspect("admin-user-new-errors");
        // After the failed submit the focus is on the error summary, and its links put it in their fields.
        assertThat(driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("error-summary");
        driver().findElement(By.cssSelector("#error-summary a[href='#displayName']")).click();
        assertThat(driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("displayName");

        browser.type("username", username);
        browser.type("displayName", "Nora Conseillère");
        browser.type("email", username + "@example.org");
        new Select(driver().findElement(By.id("role"))).selectByValue("ADVISOR");
        // Organisations are picked by name: the exact name of one active organisation is enough without a script.
        browser.type("organisationLabel", agency.getName());
        browser.clickAndWait(browser.byTestId("create-user"));
        assertThat(browser.byTestId("flash").getText()).isEqualTo("Le compte est créé.");
        String first = browser.byTestId("temporary-password").getText();
        inspect("admin-user-created");

        browser.clickAndWait(browser.byTestId("reset-password"));
        String temporary = browser.byTestId("temporary-password").getText();
        assertThat(temporary).isNotEqualTo(first).hasSize(19);
        browser.open(browser.currentPath());
        assertThat(driver().findElements(By.cssSelector("[data-testid='temporary-password']"))).isEmpty();

        browser.signIn(username, temporary);
        assertThat(browser.currentPath()).isEqualTo("/account/password");
        browser.type("currentPassword", temporary);
        browser.type("newPassword", "une phrase de passe solide");
        browser.type("confirmation", "une phrase de passe solide");
        browser.clickAndWait(driver().findElement(By.cssSelector("form[action='/account/password'] button")));
        assertThat(browser.currentPath()).isEqualTo("/advisor");

        browser.signIn(admin.username(), admin.password());
        browser.open("/admin/audit?entityType=USER");
        inspect("admin-audit-users");
        String trail = browser.byTestId("audit-table").getText();
        assertThat(trail).contains("Mot de passe réinitialisé", "Création", "ADVISOR", "Nora Conseillère");
    }

    @Test
    void anAdministratorGivesAServiceItsCoverageByEpciAndTheAuditTrailShowsIt() {
        String name = "SAD Grand Paris Sud " + unique;
        browser.signIn(admin.username(), admin.password());
        browser.open("/admin/services");
        inspect("admin-services");
        browser.clickAndWait(browser.byTestId("new-service"));
        browser.type("name", name);
        browser.type("communeQuery", "Évry-Courcouronnes (91000)");
        browser.type("phone", "01 60 00 00 42");
        browser.type("epciQuery", "Grand Paris Sud Seine Essonne");
        browser.clickAndWait(browser.byTestId("add-epci"));
        int communes = browser.byTestId("coverage").findElements(By.cssSelector("input[name='coverage']")).size();
        assertThat(communes).isGreaterThan(10);
        assertThat(driver().findElement(By.name("name")).getDomProperty("value")).isEqualTo(name);
        inspect("admin-service-coverage-by-epci");
        browser.clickAndWait(browser.byTestId("save-service"));
        assertThat(browser.byTestId("flash").getText()).isEqualTo("Le service est créé.");

        WebElement first = browser.byTestId("coverage").findElement(By.cssSelector("input[name='coverage']"));
        String removed = first.getDomAttribute("value");
        driver().findElement(By.cssSelector("label[for='" + first.getDomAttribute("id") + "']")).click();
        browser.type("coverageCommuneQuery", "Massy (91300)");
        browser.clickAndWait(browser.byTestId("save-service"));
        assertThat(browser.byTestId("flash").getText()).isEqualTo("Le service est modifié.");
        assertThat(browser.byTestId("coverage").findElements(By.cssSelector("input[name='coverage']")))
                .hasSize(communes).noneMatch(box -> removed.equals(box.getDomAttribute("value")));
        inspect("admin-service-edit");

        browser.open("/admin/audit?entityType=HOME_CARE_SERVICE");
        inspect("admin-audit-services");
        WebElement latest = browser.byTestId("audit-table").findElement(By.cssSelector("tbody tr"));
        assertThat(latest.getText()).contains("Modification", "Communes ajoutées", "91377", "Communes retirées",
                removed);

        browser.open("/admin/services/creches/new");
        browser.clickAndWait(browser.byTestId("save-creche"));
        inspect("admin-creche-errors");
        browser.open("/admin/organisations");
        inspect("admin-organisations");
        browser.open("/admin/organisations/new");
        inspect("admin-organisation-new");

        // Seine-et-Marne: the service is based in Essonne, but the EPCI brings it communes of the 77 too.
        Account officer = accounts.create(Role.CAF_OFFICER, accounts.organisation(OrganisationKind.CAF, "77", "77288"));
        browser.signIn(officer.username(), officer.password());
        browser.open("/officer/registry/services");
        assertThat(browser.byTestId("registry-services").getText()).contains(name);
        inspect("officer-registry-services");
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
