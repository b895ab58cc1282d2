package fr.passerelle.routing.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import fr.passerelle.referral.CareNeed;
import fr.passerelle.routing.ProviderKind;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.matching.ProviderFacts.LabelState;

import org.junit.jupiter.api.Test;

/** The rules and the ranking, without a database: each exclusion alone, then the order of the candidates. */
class CandidateRankingTest {

    static final LocalDate FIRST_DAY = LocalDate.of(2026, 9, 7);
    static final LocalDate LAST_DAY = LocalDate.of(2026, 9, 25);
    /** Four years old on the first day: 48 months. */
    static final LocalDate BORN = FIRST_DAY.minusYears(4);

    final CandidateRanking ranking = new CandidateRanking();

    @Test
    void aValidChildminderIsACandidateWithItsReasons() {
        Candidate candidate = ranking.evaluate(childminder(1).build(), request());

        assertThat(candidate.isEligible()).isTrue();
        assertThat(candidate.proximity()).isEqualTo(Proximity.SAME_COMMUNE);
        assertThat(candidate.freePlaces()).isEqualTo(2);
        assertThat(candidate.childrenAccepted()).isTrue();
        assertThat(candidate.labelValidTo()).isEqualTo(LAST_DAY.plusYears(1));
        assertThat(candidate.agreementEndDate()).isEqualTo(LAST_DAY.plusYears(2));
    }

    @Test
    void aSuspendedLabelExcludes() {
        assertExcluded(childminder(1).label(LabelState.SUSPENDED_OR_REVOKED), Exclusion.LABEL_SUSPENDED);
    }

    @Test
    void aLabelStartingAfterTheFirstDayOrEndingBeforeTheLastExcludes() {
        assertExcluded(childminder(1).labelDates(FIRST_DAY.plusDays(1), LAST_DAY.plusYears(1)),
                Exclusion.LABEL_NOT_VALID_FOR_PERIOD);
        assertExcluded(childminder(1).labelDates(FIRST_DAY.minusYears(1), LAST_DAY.minusDays(1)),
                Exclusion.LABEL_NOT_VALID_FOR_PERIOD);
        assertExcluded(childminder(1).label(LabelState.NONE), Exclusion.LABEL_NOT_VALID_FOR_PERIOD);
        assertThat(ranking.evaluate(childminder(1).labelDates(FIRST_DAY, LAST_DAY).build(), request()).isEligible())
                .isTrue();
    }

    @Test
    void anAgreementEndingBeforeTheLastDayExcludes() {
        assertExcluded(childminder(1).agreementEnd(LAST_DAY.minusDays(1)), Exclusion.AGREEMENT_LAPSED);
        assertThat(ranking.evaluate(childminder(1).agreementEnd(LAST_DAY).build(), request()).isEligible()).isTrue();
    }

    @Test
    void noFreePlaceForEveryChildExcludes() {
        assertExcluded(childminder(1).places(2, 2), Exclusion.FULL);
        CareRequest twoChildren = new CareRequest(1, "91228", "91", CareNeed.OCCASIONAL, FIRST_DAY, LAST_DAY,
                List.of(BORN, BORN.plusYears(1)), Set.of());
        assertThat(ranking.evaluate(childminder(1).places(2, 1).build(), twoChildren).exclusions())
                .containsExactly(Exclusion.FULL);
        assertThat(ranking.evaluate(childminder(1).places(2, 0).build(), twoChildren).isEligible()).isTrue();
    }

    @Test
    void aChildminderWithoutAvipPlaceIsExcludedForThatNotAsFull() {
        assertExcluded(childminder(1).places(0, 0), Exclusion.NO_AVIP_PLACE);
    }

    @Test
    void anotherDepartementIsTooFar() {
        assertExcluded(childminder(1).proximity(Proximity.OTHER_DEPARTEMENT), Exclusion.TOO_FAR);
        assertExcluded(creche(2).proximity(Proximity.OTHER_DEPARTEMENT), Exclusion.TOO_FAR);
    }

    @Test
    void aChildOutsideTheAgesAcceptedExcludes() {
        assertExcluded(childminder(1).ages(0, 47), Exclusion.AGE_NOT_ACCEPTED);
        assertExcluded(childminder(1).ages(49, 132), Exclusion.AGE_NOT_ACCEPTED);
        assertThat(ranking.evaluate(childminder(1).ages(48, 48).build(), request()).isEligible()).isTrue();
    }

    @Test
    void aChildPassingTheOldestAgeAcceptedDuringThePeriodIsExcluded() {
        // 48 months on the first day, 49 on the last.
        LocalDate born = FIRST_DAY.minusMonths(49).plusDays(10);
        CareRequest request = new CareRequest(1, "91228", "91", CareNeed.OCCASIONAL, FIRST_DAY, LAST_DAY,
                List.of(born), Set.of());

        assertThat(ranking.evaluate(childminder(1).ages(0, 48).build(), request).exclusions())
                .containsExactly(Exclusion.AGE_NOT_ACCEPTED);
        assertThat(ranking.evaluate(childminder(1).ages(0, 48).build(), request).childrenAccepted()).isFalse();
        assertThat(ranking.evaluate(childminder(1).ages(0, 49).build(), request).isEligible()).isTrue();
        assertThat(ranking.evaluate(childminder(1).ages(49, 132).build(), request).exclusions())
                .as("the youngest age still counts on the first day").containsExactly(Exclusion.AGE_NOT_ACCEPTED);
    }

    @Test
    void aCrecheWithoutEmergencyPlaceIsExcludedForThatNotAsFull() {
        assertExcluded(creche(1).places(0, 0), Exclusion.NO_AVIP_PLACE);
        assertExcluded(creche(1).places(1, 1), Exclusion.FULL);
    }

    @Test
    void onAcceptanceOnlyTheRulesAboutTheProviderItselfApply() {
        CandidateRanking onAcceptance = new CandidateRanking(CandidateRules.STILL_ELIGIBLE);
        CareRequest declined = new CareRequest(1, "91228", "91", CareNeed.OCCASIONAL, FIRST_DAY, LAST_DAY,
                List.of(BORN), Set.of(new ProviderRef(ProviderKind.CHILDMINDER, 1)));

        assertThat(onAcceptance.evaluate(childminder(1).places(1, 1).build(), declined).isEligible())
                .as("capacity is counted under the provider's lock; declining is this offer's own business")
                .isTrue();
        assertThat(onAcceptance.evaluate(childminder(1).places(0, 0).build(), request()).isEligible()).isTrue();
        assertThat(onAcceptance.evaluate(childminder(1).label(LabelState.SUSPENDED_OR_REVOKED)
                .agreementEnd(LAST_DAY.minusDays(1)).build(), request()).exclusions())
                .containsExactly(Exclusion.LABEL_SUSPENDED, Exclusion.AGREEMENT_LAPSED);
        assertThat(onAcceptance.evaluate(creche(1).active(false).build(), request()).exclusions())
                .containsExactly(Exclusion.SERVICE_INACTIVE);
    }

    @Test
    void aHomeCareServiceWithoutItsAgreementDoesNotCareForChildrenUnderThree() {
        CareRequest baby = new CareRequest(1, "91228", "91", CareNeed.EMERGENCY_HOME_CARE, FIRST_DAY, FIRST_DAY,
                List.of(FIRST_DAY.minusMonths(35)), Set.of());
        assertThat(ranking.evaluate(homeCare(3).underThree(false).build(), baby).exclusions())
                .containsExactly(Exclusion.AGE_NOT_ACCEPTED);
        assertThat(ranking.evaluate(homeCare(3).underThree(true).build(), baby).isEligible()).isTrue();
    }

    @Test
    void aServiceNotCoveringTheCommuneOrInactiveIsExcluded() {
        CareRequest emergency = new CareRequest(1, "91228", "91", CareNeed.EMERGENCY_HOME_CARE, FIRST_DAY,
                FIRST_DAY, List.of(BORN), Set.of());
        assertThat(ranking.evaluate(homeCare(3).covers(false).build(), emergency).exclusions())
                .containsExactly(Exclusion.NOT_COVERED);
        assertThat(ranking.evaluate(homeCare(3).active(false).build(), emergency).exclusions())
                .containsExactly(Exclusion.SERVICE_INACTIVE);
        assertThat(ranking.evaluate(creche(4).active(false).build(), request()).exclusions())
                .containsExactly(Exclusion.SERVICE_INACTIVE);
    }

    @Test
    void aProviderWhoDeclinedBeforeIsNeverProposedAgain() {
        CareRequest declined = new CareRequest(1, "91228", "91", CareNeed.OCCASIONAL, FIRST_DAY, LAST_DAY,
                List.of(BORN), Set.of(new ProviderRef(ProviderKind.CHILDMINDER, 1)));

        assertThat(ranking.evaluate(childminder(1).build(), declined).exclusions())
                .containsExactly(Exclusion.DECLINED_BEFORE);
        assertThat(ranking.evaluate(creche(1).build(), declined).isEligible()).as("same id, other kind").isTrue();
    }

    @Test
    void everyReasonIsGivenNotOnlyTheFirst() {
        Candidate candidate = ranking.evaluate(childminder(1).label(LabelState.SUSPENDED_OR_REVOKED)
                .agreementEnd(LAST_DAY.minusDays(1)).places(2, 2).ages(0, 12).build(), request());

        assertThat(candidate.exclusions()).containsExactly(Exclusion.LABEL_SUSPENDED, Exclusion.AGREEMENT_LAPSED,
                Exclusion.FULL, Exclusion.AGE_NOT_ACCEPTED);
        assertThat(candidate.childrenAccepted()).isFalse();
    }

    @Test
    void candidatesAreRankedNearestFirstThenByFreePlacesThenByName() {
        CandidateList list = ranking.rank(request(), List.of(
                childminder(1).name("Zoé Département").proximity(Proximity.SAME_DEPARTEMENT).build(),
                childminder(2).name("Anne Epci").proximity(Proximity.SAME_EPCI).places(2, 1).build(),
                creche(3).name("Crèche Epci").proximity(Proximity.SAME_EPCI).places(3, 0).build(),
                childminder(4).name("Béatrice Commune").build(),
                childminder(5).name("Agathe Commune").build(),
                childminder(6).name("Complète").places(1, 1).build()));

        assertThat(list.ranked()).extracting(candidate -> candidate.provider().id())
                .containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(list.excluded()).extracting(candidate -> candidate.provider().id()).containsExactly(6L);
        assertThat(list.candidate(new ProviderRef(ProviderKind.CHILDMINDER, 6))).isEmpty();
        assertThat(list.exclusionOf(new ProviderRef(ProviderKind.CHILDMINDER, 6)).orElseThrow().exclusions())
                .containsExactly(Exclusion.FULL);
        assertThat(list.route()).isEqualTo(Route.CHILDMINDER_OR_CRECHE);
    }

    @Test
    void theNeedDecidesTheRoute() {
        assertThat(Route.of(CareNeed.EMERGENCY_HOME_CARE)).isEqualTo(Route.HOME_CARE);
        assertThat(Route.of(CareNeed.OCCASIONAL)).isEqualTo(Route.CHILDMINDER_OR_CRECHE);
        assertThat(Route.of(CareNeed.REGULAR)).isEqualTo(Route.CHILDMINDER_OR_CRECHE);
    }

    @Test
    void aProviderKeyReadsBack() {
        ProviderRef ref = new ProviderRef(ProviderKind.HOME_CARE, 42);
        assertThat(ProviderRef.parse(ref.key())).isEqualTo(ref);
    }

    private void assertExcluded(Facts provider, Exclusion exclusion) {
        assertThat(ranking.evaluate(provider.build(), request()).exclusions()).containsExactly(exclusion);
    }

    static CareRequest request() {
        return new CareRequest(1, "91228", "91", CareNeed.OCCASIONAL, FIRST_DAY, LAST_DAY, List.of(BORN), Set.of());
    }

    static Facts childminder(long id) {
        return new Facts(new ProviderRef(ProviderKind.CHILDMINDER, id));
    }

    static Facts creche(long id) {
        return new Facts(new ProviderRef(ProviderKind.CRECHE, id)).label(LabelState.NOT_NEEDED).agreementEnd(null)
                .places(3, 0).ages(2, 72);
    }

    static Facts homeCare(long id) {
        return new Facts(new ProviderRef(ProviderKind.HOME_CARE, id)).label(LabelState.NOT_NEEDED).agreementEnd(null)
                .places(null, 0).ages(0, Integer.MAX_VALUE);
    }

    /** A provider that passes every rule; each setter breaks one thing. */
    static final class Facts {
        ProviderRef ref;
        String name = "Sophie Martin";
        Proximity proximity = Proximity.SAME_COMMUNE;
        boolean active = true;
        boolean covers = true;
        Integer places = 2;
        int held = 0;
        int minAge = 0;
        int maxAge = 132;
        boolean underThree = true;
        LabelState label = LabelState.IN_FORCE;
        LocalDate labelFrom = FIRST_DAY.minusYears(1);
        LocalDate labelTo = LAST_DAY.plusYears(1);
        LocalDate agreementEnd = LAST_DAY.plusYears(2);

        Facts(ProviderRef ref) {
            this.ref = ref;
        }

        Facts name(String name) { this.name = name; return this; }
        Facts proximity(Proximity proximity) { this.proximity = proximity; return this; }
        Facts active(boolean active) { this.active = active; return this; }
        Facts covers(boolean covers) { this.covers = covers; return this; }
        Facts places(Integer places, int held) { this.places = places; this.held = held; return this; }
        Facts ages(int min, int max) { this.minAge = min; this.maxAge = max; return this; }
        Facts underThree(boolean underThree) { this.underThree = underThree; return this; }
        Facts label(LabelState label) { this.label = label; return this; }
        Facts labelDates(LocalDate from, LocalDate to) { this.labelFrom = from; this.labelTo = to; return this; }
        Facts agreementEnd(LocalDate end) { this.agreementEnd = end; return this; }

        ProviderFacts build() {
            boolean childminder = ref.kind() == ProviderKind.CHILDMINDER;
            return new ProviderFacts(ref, 100 + ref.id(), name, "91228", "Évry-Courcouronnes", proximity, active,
                    covers, places, held, minAge, maxAge, underThree, label,
                    childminder && label != LabelState.NONE ? labelFrom : null,
                    childminder && label != LabelState.NONE ? labelTo : null, agreementEnd);
        }
    }
}
