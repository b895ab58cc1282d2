package fr.passerelle.routing.offer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.ProviderOfferFixtures;
import fr.passerelle.routing.ProviderOfferFixtures.Sent;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reminders are published once: the provider's when an unanswered offer's deadline is near (not when switched off),
 * the advisor's once the care is over without an outcome.
 */
@IntegrationTest
class RoutingRemindersTest {

    @Autowired
    RoutingReminders reminders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    OfferService offers;

    @Autowired
    ReferralFixtures referrals;

    ProviderOfferFixtures fixtures;

    @BeforeEach
    void setUp(@Autowired TestAccounts accounts, @Autowired ChildminderRegistry registry,
            @Autowired OrganisationRepository organisations) {
        fixtures = new ProviderOfferFixtures(accounts, referrals, registry, jdbc, clock, organisations, offers);
    }

    @Test
    void aProviderIsRemindedOnceWhenTheDeadlineIsNear() {
        Sent sent = fixtures.toHomeCare();
        Instant sentAt = clock.instant();

        reminders.remindDueAt(sentAt.plus(Duration.ofHours(19)));
        assertThat(kindsTo(sent.provider().user().getId())).containsExactly("OFFER_SENT");

        reminders.remindDueAt(sentAt.plus(Duration.ofHours(21)));
        reminders.remindDueAt(sentAt.plus(Duration.ofHours(22)));

        assertThat(kindsTo(sent.provider().user().getId())).containsExactly("OFFER_SENT", "OFFER_REMINDER");
        assertThat(bell(sent.provider().user().getId())).containsExactly("OFFER_SENT", "OFFER_REMINDER");
    }

    @Test
    void aProviderWhoSwitchedRemindersOffIsNotReminded() {
        Sent sent = fixtures.toHomeCare();
        jdbc.sql("update user_account set reminders_enabled = false where id = ?")
                .param(sent.provider().user().getId()).update();

        reminders.remindDueAt(clock.instant().plus(Duration.ofHours(21)));

        assertThat(kindsTo(sent.provider().user().getId())).containsExactly("OFFER_SENT");
        assertThat(jdbc.sql("select reminder_sent_at is not null from offer where id = ?").param(sent.offerId())
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void theAdvisorIsRemindedOnceToRecordTheOutcomeAfterTheCare() {
        Sent sent = fixtures.toHomeCare();
        offers.accept(referrals.principal(sent.provider()), sent.offerId());
        jdbc.sql("update referral set first_day = current_date - 3, last_day = current_date - 2 where id = ?")
                .param(sent.referral().getId()).update();
        long advisorId = fixtures.advisor.user().getId();

        reminders.remindDueAt(clock.instant());
        reminders.remindDueAt(clock.instant().plus(Duration.ofDays(1)));

        assertThat(jdbc.sql("""
                        select count(*) from notification
                        where recipient_id = ? and kind = 'OUTCOME_DUE' and link = ?""")
                .params(advisorId, "/advisor/referrals/" + sent.referral().getId())
                .query(Long.class).single()).isOne();
    }

    private List<String> kindsTo(long userId) {
        return jdbc.sql("select kind from outbound_email where recipient_user_id = ? order by id").param(userId)
                .query(String.class).list();
    }

    private List<String> bell(long userId) {
        return jdbc.sql("select kind from notification where recipient_id = ? order by id").param(userId)
                .query(String.class).list();
    }
}
