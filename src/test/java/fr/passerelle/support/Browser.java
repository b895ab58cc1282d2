package fr.passerelle.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * One headless system Chromium per test class, driven by the system ChromeDriver (never downloaded), pointed at the
 * application's random port. Register it in a {@link BrowserTest} with
 * {@code @RegisterExtension static final Browser browser = new Browser();}. Every test starts without cookies, so
 * signed out and in the default locale.
 */
public class Browser implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** WCAG 2.1 levels A and AA. */
    static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final List<String> BLOCKING_IMPACTS = List.of("serious", "critical");

    private Path profile;
    private WebDriver driver;
    private String baseUrl;

    /**
     * Without a browser: a hard failure on CI, where one must be installed; elsewhere the tests are skipped, each
     * reported with how to install it (a condition rather than an assumption in {@code beforeAll}, which Surefire
     * would report as "Tests run: 0" without the message).
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<Path> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(path -> !Files.isExecutable(path)).toList();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("Chromium and ChromeDriver are installed");
        }
        String message = "Browser tests need the system Chromium and ChromeDriver, but " + missing + " is missing:"
                + " install them with `sudo apt-get install chromium chromium-driver`.";
        if (System.getenv("CI") != null) {
            fail(message);
        }
        return ConditionEvaluationResult.disabled(message);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        profile = Files.createTempDirectory("passerelle-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--disable-quic", "--window-size=1280,900",
                        // Bootstrap scrolls smoothly otherwise, and a click could land before the scroll ends.
                        "--force-prefers-reduced-motion",
                        "--user-data-dir=" + profile.toAbsolutePath());
        // An English-speaking browser: the application must still answer in French until asked otherwise.
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // axe-core runs as an asynchronous script: a long page on a busy machine needs more than the default 30 s.
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String port = SpringExtension.getApplicationContext(context).getEnvironment()
                .getRequiredProperty("local.server.port");
        baseUrl = "http://localhost:" + port;
        driver.manage().deleteAllCookies();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the application, such as {@code /login}, and waits for the page to load. */
    public void open(String path) {
        driver.get(baseUrl + path);
    }

    /** The path, with its query, of the current page. */
    public String currentPath() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    /** Waits until the browser is on that path (with its query), after a redirect for instance. */
    public void waitForPath(String path) {
        waiting().withMessage(() -> "expected to be on " + path + " but was on " + driver.getCurrentUrl())
                .until(d -> path.equals(currentPath()));
    }

    /** The visible element with that {@code data-testid}, waiting for it a little. */
    public WebElement byTestId(String testId) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid='" + testId + "']")));
    }

    /** Waits until the page that held this element has been replaced, after submitting a form for instance. */
    public void waitUntilGone(WebElement element) {
        waiting().until(driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException replaced) {
                // Asked about a node while its page is being replaced, ChromeDriver may answer "Node with given id
                // does not belong to the document" rather than a stale reference: the page is gone all the same.
                if (String.valueOf(replaced.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw replaced;
            }
        });
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    /** Signs out by forgetting the session, then types into the login form as a person would. */
    public void signIn(String username, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        WebElement form = driver.findElement(By.tagName("form"));
        form.findElement(By.id("username")).sendKeys(username);
        form.findElement(By.id("password")).sendKeys(password);
        form.findElement(By.cssSelector("button[type='submit']")).click();
        waitUntilGone(form);
    }

    /** Types into the field with that name attribute, after clearing it. */
    public void type(String name, String text) {
        WebElement field = driver.findElement(By.name(name));
        field.clear();
        field.sendKeys(text);
    }

    /**
     * Sets a date or time input as the browser's picker would: typing into one depends on the browser's locale, and
     * the value the form sends (ISO) does not.
     */
    public void pick(String name, String isoValue) {
        WebElement field = driver.findElement(By.name(name));
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", field, isoValue);
    }

    /** Clicks the element and waits for the page it submitted or linked to. */
    public void clickAndWait(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        waitUntilGone(page);
    }

    /** Runs axe-core (WCAG 2.1 A and AA) on the current page and fails on any serious or critical violation. */
    public void checkAccessibility(String pageName) {
        var results = new AxeBuilder().withTags(AXE_TAGS).analyze(driver);
        if (results.isErrored()) {
            fail("axe-core could not analyse " + pageName + ": " + results.getErrorMessage());
        }
        if (results.getPasses().isEmpty()) {
            fail("axe-core checked nothing on " + pageName + ": was it blocked from running?");
        }
        var byImpact = results.getViolations().stream()
                .collect(Collectors.partitioningBy(rule -> BLOCKING_IMPACTS.contains(rule.getImpact())));
        byImpact.get(false).forEach(rule -> System.out.println("axe, " + pageName + ": " + describe(rule)));
        List<Rule> blocking = byImpact.get(true);
        if (!blocking.isEmpty()) {
            fail(blocking.size() + " serious or critical accessibility violation(s) on " + pageName + " ("
                    + driver.getCurrentUrl() + "):\n" + blocking.stream().map(Browser::describe)
                    .collect(Collectors.joining("\n")));
        }
    }

    private static String describe(Rule rule) {
        String targets = rule.getNodes().stream()
                .map(node -> String.valueOf(node.getTarget()))
                .collect(Collectors.joining(", "));
        return "- [" + rule.getImpact() + "] " + rule.getId() + ": " + rule.getHelp() + " — " + targets;
    }

    /** Saves what the browser shows to {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not save the screenshot " + name, ex);
        }
    }
}
