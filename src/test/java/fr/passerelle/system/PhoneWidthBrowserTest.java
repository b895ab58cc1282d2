package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import fr.passerelle.organisation.Role;
import fr.passerelle.provider.Childminders;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Every list page, and the pages with a history, at a phone's width (375 px): the page itself never scrolls
 * sideways (a wide table scrolls inside its own wrapper), and each page still passes axe-core.
 */
@BrowserTest
@Import({ReferralFixtures.class, Childminders.class})
class PhoneWidthBrowserTest {

    static final int PHONE_WIDTH = 375;

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    @Autowired
    ReferralFixtures fixtures;

    @Autowired
    Childminders childminders;

    @BeforeEach
    void phone() {
        browser.driver().manage().window().setSize(new Dimension(PHONE_WIDTH, 812));
    }

    @Test
    void theAdvisorsPagesFitAPhone() {
        Account advisor = fixtures.advisor();
        Referral referral = fixtures.submitted(advisor);
        browser.signIn(advisor.username(), advisor.password());
        assertFit("/advisor/referrals", "/advisor/referrals/" + referral.getId(), "/advisor/referrals/new",
                "/help/advisor", "/statistics");
    }

    @Test
    void theOfficersQueuesRegistryAndReferralFitAPhone() {
        Account advisor = fixtures.advisor();
        Referral referral = fixtures.submitted(advisor);
        Account officer = fixtures.officerIn("91");
        browser.signIn(officer.username(), officer.password());
        assertFit("/officer/queue", "/officer/routing", "/officer/registry/childminders",
                "/officer/registry/services", "/officer/referrals/" + referral.getId());
    }

    @Test
    void theProvidersOffersFitAPhone() {
        Account provider = accounts.create(Role.PROVIDER);
        browser.signIn(provider.username(), provider.password());
        assertFit("/provider/offers", "/notifications");
    }

    @Test
    void theAdministratorsListsFitAPhone() {
        Account admin = accounts.create(Role.ADMIN);
        long childminder = childminders.labelled(accounts.signedIn(admin), "91228",
                java.time.LocalDate.now().plusYears(3), java.time.LocalDate.now(),
                java.time.LocalDate.now().plusYears(1)).getId();
        browser.signIn(admin.username(), admin.password());
        assertFit("/admin/users", "/admin/audit", "/admin/childminders", "/admin/childminders/" + childminder,
                "/admin/childminders/expiring", "/admin/services", "/admin/organisations", "/admin/childminders/import");
    }

    /** Opens each page at 375 px and checks that nothing makes it wider than the screen. */
    private void assertFit(String... paths) {
        List<String> tooWide = new ArrayList<>();
        for (String path : paths) {
            browser.open(path);
            JavascriptExecutor script = (JavascriptExecutor) browser.driver();
            long inner = ((Number) script.executeScript("return window.innerWidth")).longValue();
            long scroll = ((Number) script.executeScript("return document.documentElement.scrollWidth")).longValue();
            assertThat(inner).as("the window's width").isLessThanOrEqualTo(PHONE_WIDTH);
            if (scroll > inner) {
                tooWide.add(path + " (" + scroll + " px)");
            }
            browser.checkAccessibility("phone" + path.replace('/', '-'));
        }
        assertThat(tooWide).as("pages wider than %d px", PHONE_WIDTH).isEmpty();
    }
}
