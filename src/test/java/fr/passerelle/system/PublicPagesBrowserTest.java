package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The accessibility statement in a real browser: reached from the login page's footer, and accessible itself. */
@BrowserTest
class PublicPagesBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void anAnonymousVisitorReachesTheAccessibilityStatementFromTheLoginPageFooter() {
        browser.open("/login");
        browser.clickAndWait(browser.driver().findElement(By.cssSelector("[data-testid=footer-accessibility] a")));

        browser.waitForPath("/accessibilite");
        assertThat(browser.byTestId("accessibility-status").getText()).contains("partiellement conforme");
        browser.screenshot("accessibility-statement");
        browser.checkAccessibility("accessibility-statement");
    }
}
