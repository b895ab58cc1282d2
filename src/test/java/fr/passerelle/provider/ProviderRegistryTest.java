package fr.passerelle.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.ProviderRegistry.AvailableChildminder;
import fr.passerelle.provider.ProviderRegistry.Proximity;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The one query routing asks the registry, at the boundaries of the label's and the agreement's dates. The periods
 * are years ahead, so that "today" never matters; other tests' childminders may be returned too, hence the checks
 * on this test's own ids.
 */
@IntegrationTest
@Import(Childminders.class)
class ProviderRegistryTest {

    static final String EVRY = "91228";
    static final String CORBEIL = "91174";
    static final String MASSY = "91377";
    static final String PARIS = "75056";

    static final LocalDate LABEL_FROM = LocalDate.of(2031, 3, 1);
    static final LocalDate LABEL_TO = LocalDate.of(2031, 8, 31);
    static final LocalDate AGREEMENT_END = LocalDate.of(2032, 12, 31);

    @Autowired
    ProviderRegistry providers;

    @Autowired
    ChildminderRegistry registry;

    @Autowired
    Childminders childminders;

    @Autowired
    TestAccounts accounts;

    CurrentUser admin;

    @BeforeEach
    void signIn() {
        admin = accounts.signedIn(accounts.create(Role.ADMIN));
    }

    @Test
    void offersAChildminderWhoseLabelCoversTheWholePeriodFromItsFirstToItsLastDay() {
        long id = labelled(EVRY).getId();

        assertThat(ids(EVRY, LABEL_FROM, LABEL_TO)).contains(id);
        assertThat(ids(EVRY, LABEL_FROM, LABEL_FROM)).contains(id);
        assertThat(ids(EVRY, LABEL_TO, LABEL_TO)).contains(id);
    }

    @Test
    void neverOffersAChildminderWhoseLabelStartsAfterTheFirstDay() {
        long id = labelled(EVRY).getId();

        assertThat(ids(EVRY, LABEL_FROM.minusDays(1), LABEL_TO)).doesNotContain(id);
        assertThat(ids(EVRY, LABEL_FROM.minusDays(1), LABEL_FROM.minusDays(1))).doesNotContain(id);
    }

    @Test
    void neverOffersAChildminderWhoseLabelEndsBeforeTheLastDay() {
        long id = labelled(EVRY).getId();

        assertThat(ids(EVRY, LABEL_FROM, LABEL_TO.plusDays(1))).doesNotContain(id);
        assertThat(ids(EVRY, LABEL_TO.plusDays(1), LABEL_TO.plusDays(1))).doesNotContain(id);
    }

    @Test
    void theAgreementMustBeValidThroughTheLastDayIncluded() {
        Childminder lastDay = childminders.labelled(admin, EVRY, LABEL_TO, LABEL_FROM, LABEL_TO);
        Childminder dayBefore = childminders.labelled(admin, EVRY, LABEL_TO.minusDays(1), LABEL_FROM, LABEL_TO);

        List<Long> found = ids(EVRY, LABEL_FROM, LABEL_TO);

        assertThat(found).contains(lastDay.getId()).doesNotContain(dayBefore.getId());
        assertThat(ids(EVRY, LABEL_FROM, LABEL_TO.minusDays(1))).contains(dayBefore.getId());
    }

    @Test
    void aSuspendedLabelIsNotOfferedUntilReinstated() {
        long id = labelled(EVRY).getId();

        registry.suspendLabel(admin, id, childminders.labelVersion(id), "Enquête PMI");
        assertThat(ids(EVRY, LABEL_FROM, LABEL_TO)).doesNotContain(id);

        registry.reinstateLabel(admin, id, childminders.labelVersion(id));
        assertThat(ids(EVRY, LABEL_FROM, LABEL_TO)).contains(id);
    }

    @Test
    void aRevokedLabelIsNeverOffered() {
        long id = labelled(EVRY).getId();

        registry.revokeLabel(admin, id, childminders.labelVersion(id), "Retrait d’agrément");

        assertThat(ids(EVRY, LABEL_FROM, LABEL_TO)).doesNotContain(id);
    }

    @Test
    void aRenewedLabelCoversTheLongerPeriod() {
        long id = labelled(EVRY).getId();
        assertThat(ids(EVRY, LABEL_FROM, LABEL_TO.plusMonths(6))).doesNotContain(id);

        registry.renewLabel(admin, id, childminders.labelVersion(id), LABEL_TO.plusYears(1));

        assertThat(ids(EVRY, LABEL_FROM, LABEL_TO.plusMonths(6))).contains(id);
    }

    @Test
    void aDeactivatedChildminderIsNeverOffered() {
        Childminder childminder = labelled(EVRY);

        registry.deactivate(admin, childminder.getId(), registry.get(childminder.getId()).getVersion());

        assertThat(ids(EVRY, LABEL_FROM, LABEL_TO)).doesNotContain(childminder.getId());
    }

    @Test
    void aChildminderWithoutLabelOrWithoutAvipPlaceIsNeverOffered() {
        Childminder withoutLabel = childminders.create(admin, EVRY, AGREEMENT_END);
        ChildminderDetails noPlace = new ChildminderDetails("Nadia", "Sansplace", Childminders.uniqueNumber(),
                AGREEMENT_END, 3, 0, EVRY, 0, 132, null, null, null);
        Childminder withoutPlace = registry.register(admin, noPlace);
        registry.grantLabel(admin, withoutPlace.getId(), 0, LABEL_FROM, LABEL_TO);

        assertThat(ids(EVRY, LABEL_FROM, LABEL_TO)).doesNotContain(withoutLabel.getId(), withoutPlace.getId());
    }

    @Test
    void looksInTheCommuneThenItsEpciThenItsDepartementButNeverElsewhere() {
        long evry = labelled(EVRY).getId();
        long corbeil = labelled(CORBEIL).getId();
        long massy = labelled(MASSY).getId();
        long paris = labelled(PARIS).getId();

        List<AvailableChildminder> found = providers.childmindersAvailable(EVRY, LABEL_FROM, LABEL_TO);

        assertThat(found).filteredOn(c -> c.id() == evry).extracting(AvailableChildminder::proximity)
                .containsExactly(Proximity.SAME_COMMUNE);
        assertThat(found).filteredOn(c -> c.id() == corbeil).extracting(AvailableChildminder::proximity)
                .containsExactly(Proximity.SAME_EPCI);
        assertThat(found).filteredOn(c -> c.id() == massy).extracting(AvailableChildminder::proximity)
                .containsExactly(Proximity.SAME_DEPARTEMENT);
        assertThat(found).extracting(AvailableChildminder::id).doesNotContain(paris);
        assertThat(found).extracting(AvailableChildminder::proximity).isSorted();
    }

    @Test
    void anUnknownCommuneFindsNobodyAndAnInvertedPeriodIsRefused() {
        assertThat(providers.childmindersAvailable("99999", LABEL_FROM, LABEL_TO)).isEmpty();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> providers.childmindersAvailable(EVRY, LABEL_TO, LABEL_FROM));
    }

    private Childminder labelled(String commune) {
        return childminders.labelled(admin, commune, AGREEMENT_END, LABEL_FROM, LABEL_TO);
    }

    private List<Long> ids(String commune, LocalDate firstDay, LocalDate lastDay) {
        return providers.childmindersAvailable(commune, firstDay, lastDay).stream().map(AvailableChildminder::id)
                .toList();
    }
}
