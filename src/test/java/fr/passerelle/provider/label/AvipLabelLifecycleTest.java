package fr.passerelle.provider.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.provider.Childminder;

import org.junit.jupiter.api.Test;

/** Every transition of the label, allowed and refused, and the status at the boundaries of its dates. */
class AvipLabelLifecycleTest {

    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2028, 12, 31);
    private static final LocalDate DURING = LocalDate.of(2027, 6, 1);
    private static final Instant NOW = Instant.parse("2027-06-01T10:00:00Z");

    private final AvipLabel label = AvipLabel.grant(childminder(), FROM, TO, NOW, 1L);

    @Test
    void statusAtEveryBoundary() {
        assertThat(label.statusOn(FROM.minusDays(1))).isEqualTo(AvipLabelStatus.NOT_YET_VALID);
        assertThat(label.statusOn(FROM)).isEqualTo(AvipLabelStatus.ACTIVE);
        assertThat(label.statusOn(TO)).isEqualTo(AvipLabelStatus.ACTIVE);
        assertThat(label.statusOn(TO.plusDays(1))).isEqualTo(AvipLabelStatus.EXPIRED);
    }

    @Test
    void suspensionAndRevocationWinOverTheDates() {
        label.suspend("Enquête", DURING, NOW, 1L);
        assertThat(label.statusOn(FROM.minusDays(1))).isEqualTo(AvipLabelStatus.SUSPENDED);
        assertThat(label.statusOn(TO.plusDays(1))).isEqualTo(AvipLabelStatus.SUSPENDED);

        label.revoke("Retrait", NOW, 1L);
        assertThat(label.statusOn(DURING)).isEqualTo(AvipLabelStatus.REVOKED);
        assertThat(label.statusOn(TO.plusDays(1))).isEqualTo(AvipLabelStatus.REVOKED);
    }

    @Test
    void activeThroughoutNeedsTheWholePeriodInsideTheDates() {
        assertThat(label.isActiveThroughout(FROM, TO)).isTrue();
        assertThat(label.isActiveThroughout(FROM.minusDays(1), TO)).isFalse();
        assertThat(label.isActiveThroughout(FROM, TO.plusDays(1))).isFalse();
        label.suspend("Enquête", DURING, NOW, 1L);
        assertThat(label.isActiveThroughout(FROM, TO)).isFalse();
    }

    @Test
    void renewingALabelInForceExtendsItAndRecordsAnEvent() {
        label.renew(TO.plusYears(3), DURING, NOW, 1L);

        assertThat(label.getValidTo()).isEqualTo(TO.plusYears(3));
        assertThat(label.statusOn(TO.plusDays(1))).isEqualTo(AvipLabelStatus.ACTIVE);
        assertThat(label.getEvents()).extracting(AvipLabelEvent::getKind)
                .containsExactly(AvipLabelEventKind.GRANTED, AvipLabelEventKind.RENEWED);
    }

    @Test
    void renewingALabelNotYetInForceIsAllowed() {
        label.renew(TO.plusYears(1), FROM.minusDays(10), NOW, 1L);

        assertThat(label.getValidTo()).isEqualTo(TO.plusYears(1));
    }

    @Test
    void renewingToAnEarlierOrTheSameEndIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> label.renew(TO, DURING, NOW, 1L));
        assertThatIllegalArgumentException().isThrownBy(() -> label.renew(TO.minusDays(1), DURING, NOW, 1L));
    }

    @Test
    void renewingAnExpiredSuspendedOrRevokedLabelIsRefused() {
        assertThatIllegalStateException().isThrownBy(() -> label.renew(TO.plusYears(1), TO.plusDays(1), NOW, 1L));

        label.suspend("Enquête", DURING, NOW, 1L);
        assertThatIllegalStateException().isThrownBy(() -> label.renew(TO.plusYears(1), DURING, NOW, 1L));

        label.revoke("Retrait", NOW, 1L);
        assertThatIllegalStateException().isThrownBy(() -> label.renew(TO.plusYears(1), DURING, NOW, 1L));
    }

    @Test
    void anExpiredLabelCannotBeSuspendedButOneNotYetInForceCan() {
        assertThatThrownBy(() -> label.suspend("Enquête", TO.plusDays(1), NOW, 1L))
                .isInstanceOf(ExpiredLabelException.class);
        assertThat(label.getEvents()).hasSize(1);

        label.suspend("Enquête", FROM.minusDays(1), NOW, 1L);
        assertThat(label.statusOn(FROM)).isEqualTo(AvipLabelStatus.SUSPENDED);
    }

    @Test
    void suspendThenReinstateThenRevokeIsTheFullHistory() {
        label.suspend("Enquête PMI", DURING, NOW, 1L);
        label.reinstate(NOW.plusSeconds(60), 2L);
        label.revoke("Retrait d’agrément", NOW.plusSeconds(120), 3L);

        assertThat(label.getEvents()).extracting(AvipLabelEvent::getKind).containsExactly(
                AvipLabelEventKind.GRANTED, AvipLabelEventKind.SUSPENDED, AvipLabelEventKind.REINSTATED,
                AvipLabelEventKind.REVOKED);
        assertThat(label.getEvents()).extracting(AvipLabelEvent::getActorId).containsExactly(1L, 1L, 2L, 3L);
        assertThat(label.getEvents()).extracting(AvipLabelEvent::getReason)
                .containsExactly(null, "Enquête PMI", null, "Retrait d’agrément");
        assertThat(label.getRevocationReason()).isEqualTo("Retrait d’agrément");
    }

    @Test
    void aSuspendedLabelCanBeRevokedButNotSuspendedAgain() {
        label.suspend("Enquête", DURING, NOW, 1L);

        assertThatIllegalStateException().isThrownBy(() -> label.suspend("Encore", DURING, NOW, 1L));
        label.revoke("Retrait", NOW, 1L);
        assertThat(label.statusOn(DURING)).isEqualTo(AvipLabelStatus.REVOKED);
    }

    @Test
    void nothingFollowsARevocation() {
        label.revoke("Retrait", NOW, 1L);

        assertThatIllegalStateException().isThrownBy(() -> label.suspend("x", DURING, NOW, 1L));
        assertThatIllegalStateException().isThrownBy(() -> label.reinstate(NOW, 1L));
        assertThatIllegalStateException().isThrownBy(() -> label.revoke("x", NOW, 1L));
        assertThatIllegalStateException().isThrownBy(() -> label.renew(TO.plusYears(1), DURING, NOW, 1L));
    }

    @Test
    void deactivationIsReversibleButNotRepeated() {
        Childminder childminder = childminder();
        childminder.deactivate();
        assertThat(childminder.isActive()).isFalse();
        assertThatIllegalStateException().isThrownBy(childminder::deactivate);
        childminder.reactivate();
        assertThat(childminder.isActive()).isTrue();
        assertThatIllegalStateException().isThrownBy(childminder::reactivate);
    }

    private static Childminder childminder() {
        Organisation organisation = new Organisation(OrganisationKind.CHILDMINDER, "Sophie Martin", "91", "91228");
        return new Childminder(organisation, "Sophie", "Martin", "AG-1", TO, 4, 2);
    }
}
