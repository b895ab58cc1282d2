package fr.passerelle.provider.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Instant;
import java.time.LocalDate;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.provider.Childminder;
import org.junit.jupiter.api.Test;

class AvipLabelTest {

    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2027, 12, 31);
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    private final AvipLabel label = AvipLabel.grant(childminder(), FROM, TO, NOW, 1L);

    @Test
    void isActiveFromItsFirstToItsLastDayIncluded() {
        assertThat(label.statusOn(FROM.minusDays(1))).isEqualTo(AvipLabelStatus.NOT_YET_VALID);
        assertThat(label.statusOn(FROM)).isEqualTo(AvipLabelStatus.ACTIVE);
        assertThat(label.statusOn(TO)).isEqualTo(AvipLabelStatus.ACTIVE);
        assertThat(label.statusOn(TO.plusDays(1))).isEqualTo(AvipLabelStatus.EXPIRED);
    }

    @Test
    void grantingRecordsAnEvent() {
        assertThat(label.getEvents()).extracting(AvipLabelEvent::getKind).containsExactly(AvipLabelEventKind.GRANTED);
    }

    @Test
    void suspendedLabelIsNotActiveUntilReinstated() {
        label.suspend("Enquête PMI", FROM, NOW, 1L);
        assertThat(label.statusOn(FROM.plusDays(10))).isEqualTo(AvipLabelStatus.SUSPENDED);

        label.reinstate(NOW.plusSeconds(60), 1L);
        assertThat(label.statusOn(FROM.plusDays(10))).isEqualTo(AvipLabelStatus.ACTIVE);
        assertThat(label.getEvents()).extracting(AvipLabelEvent::getKind).containsExactly(
                AvipLabelEventKind.GRANTED, AvipLabelEventKind.SUSPENDED, AvipLabelEventKind.REINSTATED);
    }

    @Test
    void revocationIsFinal() {
        label.revoke("Retrait d'agrément", NOW, 1L);

        assertThat(label.statusOn(FROM.plusDays(10))).isEqualTo(AvipLabelStatus.REVOKED);
        assertThatIllegalStateException().isThrownBy(() -> label.reinstate(NOW, 1L));
        assertThatIllegalStateException().isThrownBy(() -> label.suspend("x", FROM, NOW, 1L));
        assertThatIllegalStateException().isThrownBy(() -> label.revoke("x", NOW, 1L));
    }

    @Test
    void suspendingTwiceOrReinstatingAnActiveLabelIsRefused() {
        assertThatIllegalStateException().isThrownBy(() -> label.reinstate(NOW, 1L));
        label.suspend("Enquête PMI", FROM, NOW, 1L);
        assertThatIllegalStateException().isThrownBy(() -> label.suspend("Encore", FROM, NOW, 1L));
    }

    @Test
    void suspensionAndRevocationNeedAReason() {
        assertThatIllegalArgumentException().isThrownBy(() -> label.suspend(" ", FROM, NOW, 1L));
        assertThatIllegalArgumentException().isThrownBy(() -> label.revoke(null, NOW, 1L));
    }

    @Test
    void aLabelCannotEndBeforeItStarts() {
        assertThatIllegalArgumentException().isThrownBy(() -> AvipLabel.grant(childminder(), TO, FROM, NOW, 1L));
    }

    @Test
    void childminderAgreementAllowsOneToFourChildrenAndAvipPlacesWithinIt() {
        Organisation organisation = new Organisation(OrganisationKind.CHILDMINDER, "Test", "91", "91228");
        assertThatIllegalArgumentException().isThrownBy(() -> new Childminder(organisation, "A", "B", "N1", TO, 5, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Childminder(organisation, "A", "B", "N1", TO, 2, 3));
        assertThat(new Childminder(organisation, "A", "B", "N1", TO, 4, 4).getAvipPlaces()).isEqualTo(4);
    }

    @Test
    void agreementIsValidUpToItsEndDateIncluded() {
        Childminder childminder = childminder();
        assertThat(childminder.hasValidAgreementOn(TO)).isTrue();
        assertThat(childminder.hasValidAgreementOn(TO.plusDays(1))).isFalse();
    }

    private static Childminder childminder() {
        Organisation organisation = new Organisation(OrganisationKind.CHILDMINDER, "Sophie Martin", "91", "91228");
        return new Childminder(organisation, "Sophie", "Martin", "AG-1", TO, 4, 2);
    }
}
