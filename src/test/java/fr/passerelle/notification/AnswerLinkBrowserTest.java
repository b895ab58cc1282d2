package fr.passerelle.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.support.Browser;
import fr.passerelle.support.BrowserTest;
import fr.passerelle.support.TestAccounts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A provider answers from the email's link in a real browser, without signing in: the offer page shows the request
 * (never the family's name), the provider accepts, and the same link then says it has been used. Every page is
 * checked with axe-core and leaves a screenshot.
 */
@BrowserTest
@Import(ReferralFixtures.class)
class AnswerLinkBrowserTest {

    private static final Pattern ANSWER_PATH = Pattern.compile("/answer/[A-Za-z0-9_-]{43}");

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired
    JdbcClient jdbc;

    NotificationFixtures fixtures;

    @BeforeEach
    void setUp(@Autowired TestAccounts accounts, @Autowired ReferralFixtures referrals,
            @Autowired ChildminderRegistry registry, @Autowired Clock clock,
            @Autowired OrganisationRepository organisations, @Autowired OfferService offers) {
        fixtures = new NotificationFixtures(accounts, referrals, registry, jdbc, clock, organisations, offers);
    }

    @Test
    void aProviderAcceptsFromTheEmailsLinkWithoutSigningInAndTheLinkIsThenUsed() {
        NotificationFixtures.Provider provider = fixtures.homeCareProvider();
        NotificationFixtures.Sent sent = fixtures.offerTo(provider);
        String link = answerPath(fixtures.emailsTo(provider.address()).get(0).text());

        browser.open(link);
        assertThat(browser.byTestId("answer-link-offer").getText())
                .contains("Proposition n° " + sent.offerId())
                .contains("Évry-Courcouronnes")
                .doesNotContain(sent.parentLastName());
        browser.checkAccessibility("answer-link-offer");

        browser.clickAndWait(browser.byTestId("accept"));
        browser.waitForPath("/answer/answered");
        assertThat(browser.byTestId("answered-accepted").getText()).contains("accepté");
        browser.checkAccessibility("answer-link-answered");
        assertThat(jdbc.sql("select status from offer where id = ?").param(sent.offerId()).query(String.class)
                .single()).isEqualTo("ACCEPTED");

        browser.open(link);
        assertThat(browser.byTestId("answer-link-refused").getAttribute("data-refusal")).isEqualTo("USED");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("ne permet plus");
        browser.checkAccessibility("answer-link-used");
    }

    @Test
    void aProviderDeclinesFromTheLinkWithAReason() {
        NotificationFixtures.Provider provider = fixtures.homeCareProvider();
        NotificationFixtures.Sent sent = fixtures.offerTo(provider);
        browser.open(answerPath(fixtures.emailsTo(provider.address()).get(0).text()));

        browser.clickAndWait(browser.byTestId("decline"));
        assertThat(browser.driver().findElement(By.id("decline-reason-error")).getText()).isNotBlank();
        browser.checkAccessibility("answer-link-decline-error");

        browser.pick("reason", "DATES_UNAVAILABLE");
        browser.clickAndWait(browser.byTestId("decline"));
        browser.waitForPath("/answer/answered");
        assertThat(browser.byTestId("answered-declined").getText()).contains("refus");
        assertThat(jdbc.sql("select status from offer where id = ?").param(sent.offerId()).query(String.class)
                .single()).isEqualTo("DECLINED");
    }

    private static String answerPath(String text) {
        Matcher path = ANSWER_PATH.matcher(text);
        assertThat(path.find()).isTrue();
        return path.group();
    }
}
