package fr.passerelle.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Signing in and out in a real browser, with an accessibility check (axe-core) and a screenshot of every page visited.
 * {@link SignInTest} covers the rules in detail; these journeys check what a person actually sees and uses.
 */
@BrowserTest
class SignInBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    TestAccounts accounts;

    @Test
    void theLoginPageIsInFrenchByDefault() {
        browser.open("/login");

        assertThat(driver().getTitle()).isEqualTo("Connexion — Passerelle");
        assertThat(heading()).isEqualTo("Connexion à Passerelle");
        assertThat(pageLanguage()).isEqualTo("fr");
        assertThat(driver().findElement(By.cssSelector("label[for='username']")).getText()).isEqualTo("Identifiant");
        assertThat(driver().findElement(By.cssSelector("label[for='password']")).getText()).isEqualTo("Mot de passe");
        inspect("login");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRoleSignsInToItsHomeAndSignsOutThroughTheHeader(Role role) {
        Account account = accounts.create(role);
        String home = "home-" + role.homePath().substring(1);

        browser.open("/login");
        signIn(account.username(), account.password());

        browser.waitForPath(role.homePath());
        assertThat(browser.byTestId(home).isDisplayed()).isTrue();
        assertThat(browser.byTestId("current-user").getText()).isEqualTo(account.user().getDisplayName());
        assertThat(browser.byTestId("current-organisation").getText())
                .isEqualTo(account.user().getOrganisation().getName());
        Cookie session = driver().manage().getCookieNamed("SESSION");
        assertThat(session.isHttpOnly()).as("session cookie HttpOnly").isTrue();
        assertThat(session.getSameSite()).as("session cookie SameSite").isEqualTo("Lax");
        inspect(home);

        browser.byTestId("logout").click();

        browser.waitForPath("/login?logout");
        assertThat(browser.byTestId("logout-message").getText()).isEqualTo("Vous êtes déconnecté·e.");
        inspect("logged-out");
        browser.open(role.homePath());
        browser.waitForPath("/login");
    }

    @Test
    void aWrongPasswordShowsTheErrorAboveTheFormAndTiesItToTheFields() {
        Account account = accounts.create(Role.ADVISOR);

        browser.open("/login");
        signIn(account.username(), "not-the-password");

        browser.waitForPath("/login?error");
        WebElement error = browser.byTestId("login-error");
        assertThat(error.getText()).isEqualTo("Identifiant ou mot de passe incorrect.");
        assertThat(error.getDomAttribute("role")).isEqualTo("alert");
        WebElement form = driver().findElement(By.tagName("form"));
        assertThat(error.getRect().getY() + error.getRect().getHeight()).isLessThanOrEqualTo(form.getRect().getY());
        for (String field : new String[] {"username", "password"}) {
            WebElement input = driver().findElement(By.id(field));
            assertThat(input.getDomAttribute("aria-describedby")).as(field).isEqualTo(error.getDomAttribute("id"));
            assertThat(input.getDomAttribute("aria-invalid")).as(field).isEqualTo("true");
        }
        inspect("login-error");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenAgainstTheRightPassword() {
        Account account = accounts.create(Role.CAF_OFFICER);
        browser.open("/login");

        for (int attempt = 1; attempt <= 4; attempt++) {
            signIn(account.username(), "wrong-" + attempt);
            assertThat(browser.byTestId("login-error").isDisplayed()).isTrue();
        }
        signIn(account.username(), "wrong-5");
        browser.waitForPath("/login?locked");
        signIn(account.username(), account.password());

        browser.waitForPath("/login?locked");
        WebElement locked = browser.byTestId("login-locked");
        assertThat(locked.getText()).isEqualTo("Trop de tentatives de connexion. Pour votre sécurité, la connexion est"
                + " bloquée pendant 15 minutes. Réessayez plus tard, ou demandez à votre administrateur de la"
                + " débloquer.");
        assertThat(driver().findElement(By.id("username")).getDomAttribute("aria-describedby"))
                .isEqualTo(locked.getDomAttribute("id"));
        assertThat(driver().findElements(By.cssSelector("[data-testid='current-user']"))).isEmpty();
        inspect("login-locked");
    }

    @Test
    void anAdvisorOpeningTheAdministrationGetsTheAccessDeniedPageInTheLayout() {
        signInAsAdvisor();

        browser.open("/admin");

        assertThat(browser.byTestId("error-403").isDisplayed()).isTrue();
        assertThat(driver().getTitle()).isEqualTo("Accès refusé — Passerelle");
        assertThat(heading()).isEqualTo("Accès refusé");
        assertShownInTheLayoutWithoutTechnicalDetails();
        inspect("error-403");
    }

    @Test
    void anUnknownAddressGetsThePageNotFoundPageInTheLayout() {
        signInAsAdvisor();

        browser.open("/does-not-exist");

        assertThat(browser.byTestId("error-404").isDisplayed()).isTrue();
        assertThat(driver().getTitle()).isEqualTo("Page introuvable — Passerelle");
        assertThat(heading()).isEqualTo("Page introuvable");
        assertShownInTheLayoutWithoutTechnicalDetails();
        inspect("error-404");
    }

    @Test
    void theFooterSwitchesToEnglishAndBackToFrench() {
        browser.open("/login");

        driver().findElement(By.linkText("English")).click();

        browser.waitForPath("/login?lang=en");
        assertThat(heading()).isEqualTo("Sign in to Passerelle");
        assertThat(driver().getTitle()).isEqualTo("Sign in — Passerelle");
        assertThat(pageLanguage()).isEqualTo("en");
        assertThat(driver().findElement(By.linkText("English")).getDomAttribute("aria-current")).isEqualTo("true");
        inspect("login-en");

        browser.open("/login");
        assertThat(heading()).as("the choice is remembered").isEqualTo("Sign in to Passerelle");

        driver().findElement(By.linkText("Français")).click();

        browser.waitForPath("/login?lang=fr");
        assertThat(heading()).isEqualTo("Connexion à Passerelle");
        assertThat(pageLanguage()).isEqualTo("fr");
        inspect("login-fr-again");
    }

    @Test
    void switchingLanguageKeepsWhatThePageShows() {
        Account account = accounts.create(Role.ADVISOR);
        browser.open("/login");
        signIn(account.username(), "not-the-password");
        browser.waitForPath("/login?error");

        driver().findElement(By.linkText("English")).click();

        browser.waitForPath("/login?error&lang=en");
        assertThat(browser.byTestId("login-error").getText()).isEqualTo("Wrong username or password.");
        inspect("login-error-en");
        driver().findElement(By.linkText("Français")).click();
        browser.waitForPath("/login?error&lang=fr");
    }

    @Test
    void theFirstTabFocusesTheSkipLinkWhichLeadsToTheMainContent() {
        browser.open("/login");

        new Actions(driver()).sendKeys(Keys.TAB).perform();

        WebElement focused = driver().switchTo().activeElement();
        assertThat(focused.getDomAttribute("class")).contains("skip-link");
        assertThat(focused.getText()).isEqualTo("Aller au contenu principal");
        assertThat(focused.getRect().getY()).as("the focused skip link is on screen").isGreaterThanOrEqualTo(0);
        browser.screenshot("login-skip-link");

        new Actions(driver()).sendKeys(Keys.ENTER).perform();

        assertThat(driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("main");
    }

    private void signInAsAdvisor() {
        Account advisor = accounts.create(Role.ADVISOR);
        browser.open("/login");
        signIn(advisor.username(), advisor.password());
        browser.waitForPath(Role.ADVISOR.homePath());
    }

    /** Types into the login form as a person would and waits for the next page. */
    private static void signIn(String username, String password) {
        WebElement form = driver().findElement(By.tagName("form"));
        WebElement usernameField = form.findElement(By.id("username"));
        usernameField.clear();
        usernameField.sendKeys(username);
        form.findElement(By.id("password")).sendKeys(password);
        form.findElement(By.cssSelector("button[type='submit']")).click();
        browser.waitUntilGone(form);
    }

    private static void assertShownInTheLayoutWithoutTechnicalDetails() {
        assertThat(browser.byTestId("current-user").isDisplayed()).as("header of the layout").isTrue();
        assertThat(driver().findElement(By.tagName("footer")).isDisplayed()).as("footer of the layout").isTrue();
        String text = driver().findElement(By.tagName("body")).getText();
        assertThat(text).doesNotContainIgnoringCase("whitelabel").doesNotContainIgnoringCase("exception")
                .doesNotContainIgnoringCase("trace").doesNotContain("status=").doesNotContain("org.springframework");
        assertThat(driver().getPageSource()).doesNotContain("Whitelabel").doesNotContain("Exception")
                .doesNotContain("java.lang").doesNotContain("org.springframework");
    }

    /** A screenshot first, so that a failing accessibility check still leaves the picture behind. */
    private static void inspect(String page) {
        browser.screenshot(page);
        browser.checkAccessibility(page);
    }

    private static String heading() {
        return driver().findElement(By.tagName("h1")).getText();
    }

    private static String pageLanguage() {
        return driver().findElement(By.tagName("html")).getDomAttribute("lang");
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
