package fr.passerelle.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestMailServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's promises, on a real SMTP server (GreenMail) and PostgreSQL: an offer sends one email to its provider
 * with a link that answers once; a tampered or expired link answers nothing; a mail server down then up gets every
 * email exactly once; a rolled-back change sends nothing; two instances of the job never send the same email twice.
 */
@IntegrationTest
class NotificationDeliveryTest {

    private static final Pattern ANSWER_LINK = Pattern.compile("http://localhost:8080/answer/([A-Za-z0-9_-]{43})");

    @Autowired
    MockMvc mvc;

    @Autowired
    OutboundEmailSender sender;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    OfferService offers;

    NotificationFixtures fixtures;

    GreenMail smtp;

    @BeforeEach
    void setUp(@Autowired TestAccounts accounts, @Autowired ReferralFixtures referrals,
            @Autowired ChildminderRegistry registry, @Autowired OrganisationRepository organisations) {
        fixtures = new NotificationFixtures(accounts, referrals, registry, jdbc, clock, organisations, offers);
        smtp = TestMailServer.start();
        // What earlier tests left in the outbox is set aside, so that each test's emails are the only ones due: the
        // expiry and hand-on tests leave thousands, which sending one SMTP session each would take minutes.
        jdbc.sql("update outbound_email set status = 'SENT', sent_at = ? where status = 'PENDING'")
                .param(Timestamp.from(clock.instant())).update();
        smtp.reset();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void anOfferSendsOneEmailToItsProviderWithALinkThatAnswersOnce() throws Exception {
        NotificationFixtures.Provider provider = fixtures.homeCareProvider();
        NotificationFixtures.Sent sent = fixtures.offerTo(provider);

        sendEverythingDueAt(clock.instant());

        List<MimeMessage> received = receivedBy(provider.address());
        assertThat(received).hasSize(1);
        MimeMessage email = received.get(0);
        String body = GreenMailUtil.getBody(email);
        assertThat(email.getSubject()).contains("Évry-Courcouronnes").contains("réponse avant le");
        assertThat(body).doesNotContain(sent.parentLastName());
        assertThat(fixtures.emailsTo(provider.address())).singleElement()
                .satisfies(row -> assertThat(row.status()).isEqualTo("SENT"));

        String token = answerToken(body);
        // Once sent, the stored copy no longer holds the link: the database keeps only its hash.
        assertThat(fixtures.emailsTo(provider.address()).get(0).text()).doesNotContain(token).contains("/answer/…");
        mvc.perform(get("/answer/" + token)).andExpect(status().isOk());
        mvc.perform(post("/answer/" + token + "/accept").with(csrf()))
                .andExpect(redirectedUrl("/answer/answered"));
        assertThat(offerStatus(sent)).isEqualTo("ACCEPTED");

        mvc.perform(post("/answer/" + token + "/accept").with(csrf())).andExpect(status().isGone());
        mvc.perform(get("/answer/" + token)).andExpect(status().isGone());
        assertThat(jdbc.sql("""
                        select action from audit_entry where entity_type = 'OFFER' and entity_id = ?
                        order by id""").param(sent.offerId()).query(String.class).list())
                .containsExactly("ANSWER_LINK_OPENED", "ANSWERED_BY_LINK", "ANSWER_LINK_REFUSED",
                        "ANSWER_LINK_REFUSED");
    }

    @Test
    void aTamperedOrExpiredLinkAnswersNothing() throws Exception {
        NotificationFixtures.Provider provider = fixtures.homeCareProvider();
        NotificationFixtures.Sent sent = fixtures.offerTo(provider);
        sendEverythingDueAt(clock.instant());
        String token = answerToken(GreenMailUtil.getBody(receivedBy(provider.address()).get(0)));

        String tampered = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);
        mvc.perform(get("/answer/" + tampered)).andExpect(status().isNotFound());
        mvc.perform(post("/answer/" + tampered + "/accept").with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/answer/not-a-token")).andExpect(status().isNotFound());

        jdbc.sql("update offer set sent_at = now() - interval '3 days', deadline_at = now() - interval '1 hour'"
                + " where id = ?").param(sent.offerId()).update();
        jdbc.sql("update offer_answer_link set expires_at = now() - interval '1 hour' where offer_id = ?")
                .param(sent.offerId()).update();
        mvc.perform(get("/answer/" + token)).andExpect(status().isGone());
        mvc.perform(post("/answer/" + token + "/accept").with(csrf())).andExpect(status().isGone());
        mvc.perform(post("/answer/" + token + "/decline").param("reason", "NO_CAPACITY").with(csrf()))
                .andExpect(status().isGone());
        assertThat(offerStatus(sent)).isEqualTo("PENDING");
    }

    @Test
    void aLinkOfSomeoneWhoLeftTheProviderAnswersNothing() throws Exception {
        NotificationFixtures.Provider provider = fixtures.homeCareProvider();
        NotificationFixtures.Sent sent = fixtures.offerTo(provider);
        sendEverythingDueAt(clock.instant());
        String token = answerToken(GreenMailUtil.getBody(receivedBy(provider.address()).get(0)));
        long otherService = fixtures.routing.organisationOf(fixtures.routing.homeCareService());
        jdbc.sql("update user_account set organisation_id = ? where id = ?")
                .params(otherService, provider.person().user().getId()).update();

        mvc.perform(get("/answer/" + token)).andExpect(status().isNotFound());
        mvc.perform(post("/answer/" + token + "/accept").with(csrf())).andExpect(status().isNotFound());

        assertThat(offerStatus(sent)).isEqualTo("PENDING");
        assertThat(jdbc.sql("""
                        select action from audit_entry where entity_type = 'OFFER' and entity_id = ?
                        order by id""").param(sent.offerId()).query(String.class).list())
                .containsExactly("ANSWER_LINK_REFUSED", "ANSWER_LINK_REFUSED");
    }

    @Test
    void aMailServerDownThenUpGetsEveryEmailExactlyOnce() throws Exception {
        smtp.stop();
        NotificationFixtures.Provider first = fixtures.homeCareProvider();
        NotificationFixtures.Provider second = fixtures.homeCareProvider();
        fixtures.offerTo(first);
        fixtures.offerTo(second);

        assertThat(sender.sendDueAt(clock.instant())).isZero();
        // The first email due (the advisor's, told the family is eligible) failed and waits for its next attempt;
        // the run stopped there: the server is down for the others too.
        assertThat(jdbc.sql("""
                        select count(*) from outbound_email
                        where status = 'PENDING' and attempts = 1 and last_error is not null and next_attempt_at > ?""")
                .param(clock.instant().atOffset(java.time.ZoneOffset.UTC)).query(Long.class).single()).isOne();
        assertThat(fixtures.emailsTo(first.address())).singleElement()
                .satisfies(row -> assertThat(row.status()).isEqualTo("PENDING"));
        assertThat(fixtures.emailsTo(second.address())).singleElement()
                .satisfies(row -> assertThat(row.status()).isEqualTo("PENDING"));

        smtp = TestMailServer.start();
        // Not before the back-off: the first email is not retried at once.
        Instant later = clock.instant().plus(Duration.ofHours(2));
        sendEverythingDueAt(later);
        sendEverythingDueAt(later.plus(Duration.ofHours(2)));

        assertThat(receivedBy(first.address())).hasSize(1);
        assertThat(receivedBy(second.address())).hasSize(1);
        assertThat(fixtures.emailsTo(first.address())).singleElement()
                .satisfies(row -> assertThat(row.status()).isEqualTo("SENT"));
        // The advisor's two emails (both families found eligible), the failed one included.
        assertThat(receivedBy(fixtures.addressOf(fixtures.advisor))).hasSize(2);
    }

    @Test
    void aRolledBackChangeSendsNothing() throws Exception {
        NotificationFixtures.Provider provider = fixtures.homeCareProvider();

        transaction.executeWithoutResult(status -> {
            fixtures.offerTo(provider);
            status.setRollbackOnly();
        });
        sendEverythingDueAt(clock.instant());

        assertThat(fixtures.emailsTo(provider.address())).isEmpty();
        assertThat(fixtures.bellOf(provider.person())).isEmpty();
        assertThat(receivedBy(provider.address())).isEmpty();
    }

    @Test
    void twoInstancesOfTheSendingJobSendEachEmailOnce() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String address = NotificationFixtures.uniqueAddress("instances");
            addresses.add(address);
            jdbc.sql("""
                            insert into outbound_email (kind, recipient_user_id, to_address, locale, subject,
                                                        text_body, html_body, next_attempt_at, created_at)
                            values ('OFFER_SENT', ?, ?, 'fr', 'Test', 'Texte', '<p>Texte</p>', now(), now())""")
                    .params(fixtures.advisor.user().getId(), address).update();
        }
        Instant now = clock.instant().plusSeconds(1);

        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = () -> sender.sendDueAt(now);
            List<Future<Integer>> runs = instances.invokeAll(List.of(run, run, run, run));
            int sent = 0;
            for (Future<Integer> result : runs) {
                sent += result.get();
            }
            assertThat(sent).isEqualTo(40);
        }
        finally {
            instances.shutdown();
        }
        for (String address : addresses) {
            assertThat(receivedBy(address)).as(address).hasSize(1);
        }
    }

    private void sendEverythingDueAt(Instant now) {
        while (sender.sendDueAt(now) > 0) {
            // The batch is bounded: again until nothing is left.
        }
    }

    private List<MimeMessage> receivedBy(String address) throws Exception {
        List<MimeMessage> received = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address))) {
                received.add(message);
            }
        }
        return received;
    }

    private static String answerToken(String body) {
        Matcher link = ANSWER_LINK.matcher(body.replace("=\r\n", "").replace("=3D", "="));
        assertThat(link.find()).as("an answer link in %s", body).isTrue();
        return link.group(1);
    }

    private String offerStatus(NotificationFixtures.Sent sent) {
        return jdbc.sql("select status from offer where id = ?").param(sent.offerId()).query(String.class).single();
    }
}
