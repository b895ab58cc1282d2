package fr.passerelle.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import fr.passerelle.eligibility.IneligibilityReason;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who is told of what, by email and under the bell, and in which language. */
@IntegrationTest
class NotificationRecipientsTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    OfferService offers;

    @Autowired
    ReferralFixtures referrals;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DailyDigest digest;

    NotificationFixtures fixtures;

    @BeforeEach
    void setUp(@Autowired ChildminderRegistry registry, @Autowired OrganisationRepository organisations) {
        fixtures = new NotificationFixtures(accounts, referrals, registry, jdbc, clock, organisations, offers);
    }

    @Test
    void aDeclinedOfferGoesToTheCafsSharedAddressAndUnderItsOfficersBells() {
        String cafAddress = NotificationFixtures.uniqueAddress("caf");
        jdbc.sql("update organisation set contact_email = ? where id = ?")
                .params(cafAddress, fixtures.officer.user().getOrganisation().getId()).update();
        NotificationFixtures.Provider provider = fixtures.homeCareProvider();
        NotificationFixtures.Sent sent = fixtures.offerTo(provider);

        offers.decline(referrals.principal(provider.person()), sent.offerId(), DeclineReason.NO_CAPACITY, null);

        assertThat(fixtures.emailsTo(cafAddress)).singleElement().satisfies(email -> {
            assertThat(email.kind()).isEqualTo("OFFER_DECLINED");
            assertThat(email.subject()).contains("n° " + sent.referral().getId());
            assertThat(email.text()).contains("Plus de place disponible")
                    .contains("/officer/referrals/" + sent.referral().getId() + "/routing");
        });
        assertThat(fixtures.bellOf(fixtures.officer)).contains("OFFER_DECLINED");
        // The shared address told the Caf: its officers' own addresses are not filled with the same email.
        assertThat(fixtures.emailsTo(fixtures.addressOf(fixtures.officer))).isEmpty();
    }

    @Test
    void theAdvisorIsToldOfEachDecisionAndOfTheCareArranged() {
        Referral questioned = referrals.requestInformation(fixtures.officer,
                referrals.submitted(fixtures.advisor));
        referrals.declareIneligible(fixtures.officer, referrals.submitted(fixtures.advisor),
                IneligibilityReason.CHILD_TOO_OLD);
        NotificationFixtures.Provider provider = fixtures.homeCareProvider();
        NotificationFixtures.Sent sent = fixtures.offerTo(provider);
        offers.accept(referrals.principal(provider.person()), sent.offerId());

        List<NotificationFixtures.Email> emails = fixtures.emailsTo(fixtures.addressOf(fixtures.advisor));
        assertThat(emails).extracting(NotificationFixtures.Email::kind)
                .containsExactly("INFORMATION_REQUESTED", "FOUND_INELIGIBLE", "FOUND_ELIGIBLE", "CARE_ARRANGED");
        assertThat(emails.get(0).text()).contains("/advisor/referrals/" + questioned.getId());
        assertThat(emails.get(1).text()).contains("Enfant au-delà de l’âge limite");
        String providerName = jdbc.sql("select name from organisation where id = ?")
                .param(provider.organisationId()).query(String.class).single();
        assertThat(emails.get(3).text()).contains(providerName);
        assertThat(fixtures.bellOf(fixtures.advisor))
                .containsExactly("INFORMATION_REQUESTED", "FOUND_INELIGIBLE", "FOUND_ELIGIBLE", "CARE_ARRANGED");
    }

    @Test
    void aWithdrawalTellsTheProviderItsOfferIsCancelled() {
        NotificationFixtures.Provider provider = fixtures.homeCareProvider();
        NotificationFixtures.Sent sent = fixtures.offerTo(provider);

        referrals.withdraw(fixtures.advisor, referrals.reload(sent.referral()));

        assertThat(fixtures.emailsTo(provider.address())).extracting(NotificationFixtures.Email::kind)
                .containsExactly("OFFER_SENT", "OFFER_CANCELLED");
        assertThat(fixtures.bellOf(provider.person())).containsExactly("OFFER_SENT", "OFFER_CANCELLED");
    }

    @Test
    void aProviderWhoReadsEnglishGetsItsOfferInEnglishWithoutTheFamilysName() {
        NotificationFixtures.Provider provider = fixtures.homeCareProvider();
        jdbc.sql("update user_account set locale = 'en' where id = ?").param(provider.person().user().getId())
                .update();

        NotificationFixtures.Sent sent = fixtures.offerTo(provider);

        assertThat(fixtures.emailsTo(provider.address())).singleElement().satisfies(email -> {
            assertThat(email.locale()).isEqualTo("en");
            assertThat(email.subject()).startsWith("Childcare offer in Évry-Courcouronnes");
            assertThat(email.text()).contains("Answer the offer").contains("/answer/")
                    .doesNotContain(sent.parentLastName());
            assertThat(email.html()).contains("lang=\"en\"").doesNotContain(sent.parentLastName());
        });
    }

    @Test
    void theDigestIsComposedOnceADayFromItsTimeForOfficersWhoWantIt() {
        Account quiet = accounts.create(fr.passerelle.organisation.Role.CAF_OFFICER,
                fixtures.officer.user().getOrganisation());
        jdbc.sql("update user_account set digest_enabled = false where id = ?").param(quiet.user().getId()).update();
        referrals.submitted(fixtures.advisor);
        // A day of its own, far ahead, so that no other run has composed it.
        LocalDate day = LocalDate.of(2200 + ThreadLocalRandom.current().nextInt(5000), 1, 5);
        ZonedDateTime before = ZonedDateTime.of(day, LocalTime.of(7, 59), clock.getZone());

        assertThat(digest.composeIfDueAt(before.toInstant())).isZero();
        assertThat(digest.composeIfDueAt(before.plusMinutes(2).toInstant())).isPositive();
        assertThat(digest.composeIfDueAt(before.plusHours(3).toInstant())).isZero();

        assertThat(fixtures.bellOf(fixtures.officer)).containsOnlyOnce("DAILY_DIGEST");
        assertThat(fixtures.emailsTo(fixtures.addressOf(fixtures.officer))).singleElement()
                .satisfies(email -> assertThat(email.subject()).contains(day.getYear() + ""));
        assertThat(fixtures.bellOf(quiet)).doesNotContain("DAILY_DIGEST");
    }
}
