package fr.passerelle.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import fr.passerelle.organisation.Role;
import fr.passerelle.provider.csv.ChildminderCsv;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The registry in a real browser: the administrator registers a childminder, grants, suspends, reinstates and revokes
 * the label, each status showing in the registry and in the officer's read-only view; then a CSV import with a bad
 * row, then a good file. Every page visited is checked with axe-core and leaves a screenshot.
 */
@BrowserTest
class ChildminderRegistryBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    @Autowired
    Clock clock;

    Account admin;
    Account officer;
    LocalDate today;
    String number;

    @BeforeEach
    void accounts() {
        admin = accounts.create(Role.ADMIN);
        officer = accounts.create(Role.CAF_OFFICER);
        today = LocalDate.now(clock);
        number = "NAV-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @Test
    void theAdministratorTakesTheLabelThroughItsLifeAndTheOfficerSeesEachStatus() {
        browser.signIn(admin.username(), admin.password());
        browser.open("/admin/childminders");
        inspect("admin-childminders");
        browser.clickAndWait(browser.byTestId("new-childminder"));
        browser.clickAndWait(browser.byTestId("save"));
        assertThat(driver().findElement(By.id("error-summary")).getText()).contains("Indiquez le nom.");
        inspect("admin-childminder-form-errors");

        browser.type("lastName", "Navigatrice");
        browser.type("firstName", "Sophie");
        browser.type("communeQuery", "91228");
        browser.type("agreementNumber", number);
        browser.pick("agreementEndDate", today.plusYears(4).toString());
        browser.type("childrenAllowed", "4");
        browser.type("avipPlaces", "2");
        browser.type("phone", "06 12 34 56 78");
        browser.clickAndWait(browser.byTestId("save"));
        assertThat(browser.byTestId("flash").getText()).contains("ajoutée au registre");
        assertThat(labelStatus()).isEqualTo("Sans label");
        String path = browser.currentPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        inspect("admin-childminder-new");

        browser.clickAndWait(browser.byTestId("grant"));
        assertThat(labelStatus()).isEqualTo("Actif");
        inspect("admin-label-granted");
        assertStatusEverywhere(id, "Actif");

        browser.signIn(admin.username(), admin.password());
        browser.open(path);
        driver().findElement(By.id("suspend-reason")).sendKeys("Enquête de la PMI en cours");
        browser.clickAndWait(browser.byTestId("suspend"));
        assertThat(labelStatus()).isEqualTo("Suspendu");
        inspect("admin-label-suspended");
        assertStatusEverywhere(id, "Suspendu");

        browser.signIn(admin.username(), admin.password());
        browser.open(path);
        browser.clickAndWait(browser.byTestId("reinstate"));
        assertThat(labelStatus()).isEqualTo("Actif");
        assertStatusEverywhere(id, "Actif");

        browser.signIn(admin.username(), admin.password());
        browser.open(path);
        driver().findElement(By.id("revoke-reason")).sendKeys("Agrément retiré par la PMI");
        browser.clickAndWait(browser.byTestId("revoke"));
        assertThat(labelStatus()).isEqualTo("Retiré");
        assertThat(driver().findElement(By.cssSelector("[data-testid='label-history']")).getText())
                .contains("Attribution", "Suspension", "Enquête de la PMI en cours", "Rétablissement", "Retrait",
                        "Agrément retiré par la PMI");
        assertThat(driver().findElements(By.cssSelector("[data-testid='grant']"))).isEmpty();
        inspect("admin-label-revoked");
        assertStatusEverywhere(id, "Retiré");

        browser.signIn(admin.username(), admin.password());
        browser.open("/admin/childminders/expiring");
        inspect("admin-childminders-expiring");
    }

    @Test
    void aFileWithABadRowIsRefusedThenAGoodFileIsImported() throws IOException {
        browser.signIn(admin.username(), admin.password());
        browser.open("/admin/childminders");
        browser.clickAndWait(browser.byTestId("import"));
        inspect("admin-import");

        String header = ChildminderCsv.headerLine();
        Path bad = csv("mauvais", header + number + "-1;Martin;Sophie;91228;" + today.plusYears(1) + ";4;2;;;;;\r\n"
                + number + "-2;Petit;Marie;91228;" + today.plusYears(1) + ";5;2;;;;;\r\n");
        driver().findElement(By.id("file")).sendKeys(bad.toAbsolutePath().toString());
        browser.clickAndWait(browser.byTestId("check-file"));
        assertThat(browser.byTestId("import-errors").getText())
                .contains("Enfants autorisés par l’agrément : entre 1 et 4, pas 5.");
        assertThat(driver().findElements(By.cssSelector("[data-testid='confirm-import']"))).isEmpty();
        inspect("admin-import-errors");

        Path good = csv("bon", header + number + "-1;Martin;Sophie;91228;" + today.plusYears(1) + ";4;2;;;;;\r\n"
                + number + "-2;Petit;Marie;91228;" + today.plusYears(1) + ";4;2;;;;;\r\n");
        driver().findElement(By.id("file")).sendKeys(good.toAbsolutePath().toString());
        browser.clickAndWait(browser.byTestId("check-file"));
        assertThat(browser.byTestId("import-valid").getText()).contains("2 assistante(s) maternelle(s)");
        inspect("admin-import-valid");
        browser.clickAndWait(browser.byTestId("confirm-import"));

        assertThat(browser.byTestId("imported-count").getText()).contains("2 assistante(s)");
        search("/admin/childminders");
        assertThat(driver().findElements(By.cssSelector("[data-agreement^='" + number + "']"))).hasSize(2);
        inspect("admin-childminders-imported");
    }

    /** The status in the administrator's list, then in the officer's list and read-only page. */
    private void assertStatusEverywhere(String id, String status) {
        search("/admin/childminders?state=ALL");
        assertThat(rowStatus()).isEqualTo(status);

        browser.signIn(officer.username(), officer.password());
        search("/officer/registry/childminders?state=ALL");
        assertThat(rowStatus()).isEqualTo(status);
        inspect("officer-childminders-" + status);
        browser.open("/officer/registry/childminders/" + id);
        assertThat(labelStatus()).isEqualTo(status);
        assertThat(driver().findElements(By.cssSelector("form[action*='/label/']"))).isEmpty();
        inspect("officer-childminder-" + status);
    }

    /** Searches a list for this test's agreement numbers with its filter form (a search never goes in the URL). */
    private void search(String list) {
        browser.open(list);
        WebElement search = driver().findElement(By.id("q"));
        search.clear();
        search.sendKeys(number);
        browser.clickAndWait(browser.byTestId("apply-filters"));
    }

    private String rowStatus() {
        return driver().findElement(By.cssSelector("[data-agreement='" + number + "'] [data-testid='label-status']"))
                .getText().strip();
    }

    private String labelStatus() {
        return browser.byTestId("childminder-view")
                .findElement(By.cssSelector("h1 + [data-testid='label-status']")).getText().strip();
    }

    private static Path csv(String name, String text) throws IOException {
        Path file = Files.createTempFile("registre-" + name, ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
        return file;
    }

    private void inspect(String page) {
        browser.checkAccessibility(page);
        browser.screenshot("registry-" + page);
    }

    private WebDriver driver() {
        return browser.driver();
    }
}
