package fr.passerelle.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A Caf administrator's purposes page in a real browser: no purpose offered is said next to the table, then the
 * workshop is offered and found eligible; and the advisor's form asks how the parent is registered. Every page is
 * checked with axe-core and leaves a screenshot.
 */
@BrowserTest
class PurposesBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrganisationRepository organisations;

    @Autowired
    AutowireCapableBeanFactory beans;

    @Test
    void theCafOffersTheWorkshopAndTheAdvisorChoosesTheRegistration() {
        ReferralFixtures referrals = beans.createBean(ReferralFixtures.class);
        String departement = jdbc.sql("""
                        select d.code from departement d
                        where d.code ~ '^[0-9]{2}$' and d.code not in ('91', '75')
                          and exists (select from commune c where c.departement_code = d.code)
                          and not exists (select from purpose_setting s where s.departement_code = d.code)
                          and not exists (select from organisation o where o.departement_code = d.code
                                          and o.kind = 'CAF')
                        order by d.code desc limit 1""")
                .query(String.class).single();
        Account officer = referrals.officerIn(departement);
        Account admin = accounts.create(Role.ADMIN, organisations
                .findById(referrals.principal(officer).getOrganisationId()).orElseThrow());

        browser.signIn(admin.username(), admin.password());
        browser.open("/admin/purposes");
        inspect("purposes");
        for (WebElement offered : browser.driver().findElements(By.cssSelector("input[name=offered]"))) {
            if (offered.isSelected()) {
                offered.click();
            }
        }
        browser.clickAndWait(browser.byTestId("save-purposes"));
        assertThat(browser.byTestId("offered-error").getText()).isEqualTo("Proposez au moins un motif aux conseillers.");
        assertThat(browser.driver().findElement(By.id("offered-JOB")).getAttribute("aria-invalid")).isEqualTo("true");
        inspect("purposes-error");

        for (String id : new String[] {"offered-JOB_INTERVIEW", "offered-JOB", "offered-WORKSHOP", "eligible-WORKSHOP"}) {
            WebElement box = browser.driver().findElement(By.id(id));
            if (!box.isSelected()) {
                box.click();
            }
        }
        browser.clickAndWait(browser.byTestId("save-purposes"));
        assertThat(browser.byTestId("flash").getText()).startsWith("Motifs enregistrés");
        assertThat(browser.driver().findElement(By.id("eligible-WORKSHOP")).isSelected()).isTrue();
        assertThat(browser.byTestId("purpose-history").getText()).contains("Atelier");
        inspect("purposes-saved");

        Account advisor = referrals.advisor();
        browser.signIn(advisor.username(), advisor.password());
        browser.open("/advisor/referrals/new");
        assertThat(browser.byTestId("registration").getText()).contains("Bénéficiaire du RSA, inscrit automatiquement");
        inspect("referral-form-registration");
    }

    private static void inspect(String page) {
        browser.screenshot(page);
        browser.checkAccessibility(page);
    }
}
