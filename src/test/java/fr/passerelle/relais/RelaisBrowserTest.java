package fr.passerelle.relais;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.Childminders;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts.Account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The facilitator's pages in a real browser, each checked with axe-core: her childminders, one childminder's page
 * with a follow-up action recorded (after a first try with errors), the applications and her opinion; the lists fit
 * a phone (375 px); the administrator's page of the relais's communes.
 */
@BrowserTest
@Import({RelaisFixtures.class, Childminders.class})
class RelaisBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    RelaisFixtures fixtures;

    @Test
    void theFacilitatorFollowsAChildminderAndGivesHerOpinion() {
        CurrentUser admin = fixtures.admin();
        Organisation relais = fixtures.relais(RelaisFixtures.EVRY);
        Account facilitator = fixtures.facilitator(relais);
        Childminder childminder = fixtures.childminder(admin, RelaisFixtures.EVRY);
        LabelApplication application = fixtures.applied(fixtures.accountOf(childminder));

        browser.signIn(facilitator.username(), facilitator.password());
        browser.waitForPath("/relais");
        browser.checkAccessibility("relais-home");

        browser.open("/relais/childminders");
        assertThat(browser.byTestId("relais-childminder-table").getText()).contains(childminder.getLastName());
        browser.checkAccessibility("relais-childminders");

        browser.open("/relais/childminders/" + childminder.getId());
        browser.checkAccessibility("relais-childminder");
        browser.clickAndWait(browser.byTestId("record-follow-up"));
        browser.waitForPath("/relais/childminders/" + childminder.getId() + "/follow-up");
        assertThat(browser.driver().findElement(By.id("error-summary")).getText()).contains("Choisissez l’action.")
                .contains("Écrivez une note.");
        browser.checkAccessibility("relais-childminder-errors");
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("kind")))
                .selectByValue("VISIT");
        browser.type("note", "Visite au domicile : tout est prêt pour accueillir.");
        browser.clickAndWait(browser.byTestId("record-follow-up"));
        assertThat(browser.byTestId("flash").getText()).contains("enregistrée");
        assertThat(browser.byTestId("follow-up-table").getText()).contains("Visite au domicile");

        browser.open("/relais/applications");
        browser.checkAccessibility("relais-applications");
        browser.open("/relais/applications/" + application.getId());
        browser.checkAccessibility("relais-application");
        browser.driver().findElement(By.cssSelector("input[name='opinion'][value='FAVOURABLE']")).click();
        browser.clickAndWait(browser.byTestId("give-opinion"));
        assertThat(browser.byTestId("application-opinion").getText()).contains("Favorable");
        browser.checkAccessibility("relais-application-advised");

        browser.driver().manage().window().setSize(new Dimension(375, 812));
        try {
            for (String path : new String[] {"/relais/childminders", "/relais/childminders/" + childminder.getId(),
                    "/relais/applications"}) {
                browser.open(path);
                JavascriptExecutor script = (JavascriptExecutor) browser.driver();
                long inner = ((Number) script.executeScript("return window.innerWidth")).longValue();
                long scroll = ((Number) script.executeScript("return document.documentElement.scrollWidth"))
                        .longValue();
                assertThat(scroll).as(path + " at 375 px").isLessThanOrEqualTo(inner);
                browser.checkAccessibility("phone" + path.replace('/', '-'));
            }
        }
        finally {
            browser.driver().manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void theFacilitatorChecksAStatementAndConfirmsItOnTheChildmindersBehalf() {
        CurrentUser admin = fixtures.admin();
        Organisation relais = fixtures.relais(RelaisFixtures.EVRY);
        Account facilitator = fixtures.facilitator(relais);
        Childminder childminder = fixtures.childminder(admin, RelaisFixtures.EVRY);
        long statement = fixtures.statementToConfirm(childminder);

        browser.signIn(facilitator.username(), facilitator.password());
        browser.waitForPath("/relais");
        browser.clickAndWait(browser.byTestId("nav-relais-statements"));
        assertThat(browser.byTestId("relais-statements").getText()).contains(childminder.getLastName())
                .contains("À confirmer").contains("30,00 €");
        browser.checkAccessibility("relais-statements");
        browser.clickAndWait(browser.driver().findElement(By.cssSelector(
                "[data-testid='statement-row'] a[href='/relais/statements/" + statement + "']")));
        assertThat(browser.byTestId("on-behalf").getText()).contains(childminder.getLastName());
        browser.checkAccessibility("relais-statement");
        browser.clickAndWait(browser.byTestId("confirm-statement"));
        assertThat(browser.byTestId("flash").getText()).contains("pour le compte de l’assistante maternelle");
        assertThat(browser.byTestId("provider-statement").getText()).contains("Confirmé, à valider par la Caf");
        browser.checkAccessibility("relais-statement-confirmed");

        browser.driver().manage().window().setSize(new Dimension(375, 812));
        try {
            browser.open("/relais/statements");
            JavascriptExecutor script = (JavascriptExecutor) browser.driver();
            assertThat(((Number) script.executeScript("return document.documentElement.scrollWidth")).longValue())
                    .isLessThanOrEqualTo(((Number) script.executeScript("return window.innerWidth")).longValue());
        }
        finally {
            browser.driver().manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void theChildminderAppliesAndTheAdministratorGrantsTheLabel() {
        Account admin = fixtures.adminAccount();
        fixtures.relais(RelaisFixtures.CORBEIL);
        Childminder childminder = fixtures.childminder(fixtures.signedIn(admin), RelaisFixtures.CORBEIL);
        Account account = fixtures.accountOf(childminder);

        browser.signIn(account.username(), account.password());
        browser.clickAndWait(browser.byTestId("nav-label-application"));
        browser.checkAccessibility("label-application-apply");
        browser.clickAndWait(browser.byTestId("apply"));
        assertThat(browser.driver().findElement(By.id("error-summary")).getText())
                .contains("Décrivez vos disponibilités.");
        browser.checkAccessibility("label-application-apply-errors");
        browser.type("availability", "En semaine, de 7 h 30 à 18 h 30.");
        browser.driver().findElement(By.cssSelector("input[name='days'][value='MONDAY']")).click();
        browser.clickAndWait(browser.byTestId("apply"));
        assertThat(browser.byTestId("flash").getText()).contains("Votre demande est envoyée");
        assertThat(browser.byTestId("application-details").getText()).contains("En attente de l’avis du relais");
        browser.checkAccessibility("label-application-filed");

        browser.signIn(admin.username(), admin.password());
        browser.open("/admin/label-applications");
        browser.checkAccessibility("admin-label-applications");
        long id = fixtures.count("select max(id) from label_application where childminder_id = ?",
                childminder.getId());
        browser.clickAndWait(browser.driver().findElement(By.cssSelector(
                "[data-testid='application-row'] a[href='/admin/label-applications/" + id + "']")));
        browser.checkAccessibility("admin-label-application");
        browser.clickAndWait(browser.byTestId("grant"));
        assertThat(browser.byTestId("flash").getText()).contains("Le label est accordé.");
        assertThat(browser.byTestId("application-decision").getText()).contains("Accordée");
        browser.open("/admin/childminders/" + childminder.getId());
        assertThat(browser.byTestId("label-status").getText()).isEqualTo("Actif");
    }

    @Test
    void theAdministratorKeepsTheCommunesOfTheRelais() {
        Organisation relais = fixtures.relais();
        Account admin = fixtures.adminAccount();
        browser.signIn(admin.username(), admin.password());
        browser.open("/admin/organisations/" + relais.getId());
        browser.clickAndWait(browser.byTestId("relais-communes-link"));
        browser.checkAccessibility("relais-communes");
        browser.type("communeQuery", "75056");
        browser.clickAndWait(browser.byTestId("add-commune-submit"));
        assertThat(browser.byTestId("commune-error").getText()).contains("département");
        browser.checkAccessibility("relais-communes-error");
        browser.type("communeQuery", "91228");
        browser.clickAndWait(browser.byTestId("add-commune-submit"));
        assertThat(browser.byTestId("communes-table").getText()).contains("Évry");
    }
}
