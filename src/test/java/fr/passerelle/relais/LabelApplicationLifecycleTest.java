package fr.passerelle.relais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.provider.Childminders;
import fr.passerelle.provider.label.AvipLabel;
import fr.passerelle.provider.label.AvipLabelEventKind;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts.Account;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The cycle of a label application on PostgreSQL: apply → the relais's opinion → the Caf's grant through the label
 * lifecycle (or a refusal with a reason); one open application at a time; two grants at once make one label; the
 * facilitator is told of an application and of a label lapsing (once); every step audited.
 */
@IntegrationTest
@Import({RelaisFixtures.class, Childminders.class})
class LabelApplicationLifecycleTest {

    @Autowired
    RelaisFixtures fixtures;

    /** The application's clock (Paris): between 23:00 and midnight UTC, the machine's date is the day before. */
    @Autowired
    Clock clock;

    @Autowired
    LabelApplications applications;

    @Autowired
    ChildminderRegistry registry;

    @Autowired
    LabelLapseNotices lapseNotices;

    CurrentUser admin;
    Organisation relais;
    Account facilitator;
    Childminder childminder;
    Account childminderAccount;

    @BeforeEach
    void relaisWithAChildminder() {
        admin = fixtures.admin();
        relais = fixtures.relais(RelaisFixtures.EVRY);
        facilitator = fixtures.facilitator(relais);
        childminder = fixtures.childminder(admin, RelaisFixtures.EVRY);
        childminderAccount = fixtures.accountOf(childminder);
    }

    @Test
    void applyThenOpinionThenGrantCreatesTheLabelThroughItsLifecycle() {
        LabelApplication filed = fixtures.applied(childminderAccount);
        assertThat(filed.getStatus()).isEqualTo(LabelApplicationStatus.AWAITING_OPINION);
        assertThat(notifications(facilitator, "LABEL_APPLICATION_SUBMITTED")).isEqualTo(1);
        assertThat(emails(facilitator, "LABEL_APPLICATION_SUBMITTED")).isEqualTo(1);

        CurrentUser rpe = fixtures.signedIn(facilitator);
        applications.giveOpinion(rpe, filed.getId(), filed.getVersion(), Opinion.FAVOURABLE, null);
        LabelApplication advised = applications.forAdmin(admin, filed.getId());
        assertThat(advised.getStatus()).isEqualTo(LabelApplicationStatus.AWAITING_DECISION);
        assertThat(advised.getOpinion()).isEqualTo(Opinion.FAVOURABLE);

        LocalDate from = LocalDate.now(clock);
        AvipLabel label = applications.grant(admin, filed.getId(), advised.getVersion(), from, from.plusYears(2));

        LabelApplication granted = applications.forAdmin(admin, filed.getId());
        assertThat(granted.getStatus()).isEqualTo(LabelApplicationStatus.GRANTED);
        assertThat(granted.getLabelId()).isEqualTo(label.getId());
        assertThat(registry.currentLabel(childminder.getId())).get().extracting(AvipLabel::getId)
                .isEqualTo(label.getId());
        assertThat(registry.history(childminder.getId())).extracting(ChildminderRegistry.LabelHistoryEntry::kind)
                .containsExactly(AvipLabelEventKind.GRANTED);
        assertThat(fixtures.count("""
                select count(*) from audit_entry where entity_type = 'LABEL_APPLICATION' and entity_id = ?""",
                filed.getId())).isEqualTo(3);
        assertThat(fixtures.count("""
                select count(*) from audit_entry where entity_type = 'AVIP_LABEL' and entity_id = ?
                and action = 'LABEL_GRANTED'""", label.getId())).isEqualTo(1);
    }

    @Test
    void aRefusalNeedsAReasonAndGrantsNothing() {
        LabelApplication filed = fixtures.applied(childminderAccount);
        assertThatThrownBy(() -> applications.refuse(admin, filed.getId(), filed.getVersion(), " "))
                .isInstanceOf(IllegalArgumentException.class);
        applications.refuse(admin, filed.getId(), filed.getVersion(), "Places déjà pourvues sur la commune");
        LabelApplication refused = applications.forAdmin(admin, filed.getId());
        assertThat(refused.getStatus()).isEqualTo(LabelApplicationStatus.REFUSED);
        assertThat(refused.getDecisionReason()).isEqualTo("Places déjà pourvues sur la commune");
        assertThat(registry.currentLabel(childminder.getId())).isEmpty();
    }

    @Test
    void anUnfavourableOpinionSaysWhy() {
        LabelApplication filed = fixtures.applied(childminderAccount);
        CurrentUser rpe = fixtures.signedIn(facilitator);
        assertThatThrownBy(() -> applications.giveOpinion(rpe, filed.getId(), filed.getVersion(),
                Opinion.UNFAVOURABLE, "  ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(applications.forAdmin(admin, filed.getId()).getStatus())
                .isEqualTo(LabelApplicationStatus.AWAITING_OPINION);
    }

    @Test
    void oneOpenApplicationAtATimeAndAWithdrawnOneMayBeFiledAgain() {
        LabelApplication filed = fixtures.applied(childminderAccount);
        assertThatThrownBy(() -> fixtures.applied(childminderAccount))
                .isInstanceOf(RejectedChangeException.class).hasMessageContaining("labelApplication.alreadyOpen");
        applications.withdraw(fixtures.signedIn(childminderAccount), filed.getId(), filed.getVersion());
        assertThat(fixtures.applied(childminderAccount).getStatus())
                .isEqualTo(LabelApplicationStatus.AWAITING_OPINION);
    }

    @Test
    void twoApplicationsPostedAtOnceFileOne() throws Exception {
        List<Boolean> results = race(4, () -> {
            try {
                fixtures.applied(childminderAccount);
                return true;
            }
            catch (RejectedChangeException ex) {
                return false;
            }
        });
        assertThat(results).containsOnlyOnce(true);
        assertThat(fixtures.count("select count(*) from label_application where childminder_id = ?",
                childminder.getId())).isEqualTo(1);
    }

    @Test
    void twoGrantsAtOnceMakeOneLabel() throws Exception {
        LabelApplication filed = fixtures.applied(childminderAccount);
        LocalDate from = LocalDate.now(clock);
        List<Boolean> results = race(4, () -> {
            try {
                applications.grant(admin, filed.getId(), filed.getVersion(), from, from.plusYears(1));
                return true;
            }
            catch (StaleDataException | IllegalApplicationTransitionException | RejectedChangeException ex) {
                return false;
            }
        });
        assertThat(results).containsOnlyOnce(true);
        assertThat(fixtures.count("select count(*) from avip_label where childminder_id = ?", childminder.getId()))
                .isEqualTo(1);
    }

    @Test
    void grantDatesFollowTheDatePolicy() {
        LabelApplication filed = fixtures.applied(childminderAccount);
        LocalDate from = LocalDate.now(clock);
        assertThatThrownBy(() -> applications.grant(admin, filed.getId(), filed.getVersion(), from,
                from.plusYears(6))).isInstanceOf(RejectedChangeException.class)
                .extracting(ex -> ((RejectedChangeException) ex).getMessageCode()).isEqualTo("dates.label.tooLong");
        assertThatThrownBy(() -> applications.grant(admin, filed.getId(), filed.getVersion(), from,
                from.minusDays(1))).isInstanceOf(RejectedChangeException.class)
                .extracting(ex -> ((RejectedChangeException) ex).getMessageCode())
                .isEqualTo("label.grant.dates.order");
        assertThat(registry.currentLabel(childminder.getId())).isEmpty();
    }

    @Test
    void aChildminderOfACommuneWithoutRelaisGoesStraightToTheCaf() {
        Childminder elsewhere = fixtures.childminder(admin, "91521");
        LabelApplication filed = fixtures.applied(fixtures.accountOf(elsewhere));
        assertThat(filed.getStatus()).isEqualTo(LabelApplicationStatus.AWAITING_DECISION);
        assertThat(notifications(facilitator, "LABEL_APPLICATION_SUBMITTED")).isZero();
    }

    @Test
    void theFacilitatorIsToldOnceOfALabelLapsingWithinSixtyDays() {
        LocalDate today = LocalDate.now(clock);
        registry.grantLabel(admin, childminder.getId(), 0, today.minusYears(1), today.plusDays(59));
        Childminder later = fixtures.childminder(admin, RelaisFixtures.EVRY);
        registry.grantLabel(admin, later.getId(), 0, today.minusYears(1), today.plusDays(61));

        lapseNotices.notifyDueOn(today);
        lapseNotices.notifyDueOn(today);

        assertThat(fixtures.count("""
                select count(*) from notification n where n.recipient_id = ? and n.kind = 'LABEL_LAPSING'
                and n.link = ?""", facilitator.user().getId(), "/relais/childminders/" + childminder.getId()))
                .isEqualTo(1);
        assertThat(fixtures.count("""
                select count(*) from notification n where n.recipient_id = ? and n.kind = 'LABEL_LAPSING'
                and n.link = ?""", facilitator.user().getId(), "/relais/childminders/" + later.getId()))
                .isZero();
        assertThat(emails(facilitator, "LABEL_LAPSING")).isEqualTo(1);
    }

    private long notifications(Account recipient, String kind) {
        return fixtures.count("select count(*) from notification where recipient_id = ? and kind = ?",
                recipient.user().getId(), kind);
    }

    private long emails(Account recipient, String kind) {
        return fixtures.count("select count(*) from outbound_email where recipient_user_id = ? and kind = ?",
                recipient.user().getId(), kind);
    }

    private static List<Boolean> race(int contenders, Callable<Boolean> attempt) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        List<Future<Boolean>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return attempt.call();
                }));
            }
            start.countDown();
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }
}
