package fr.passerelle.routing.matching;

import static fr.passerelle.routing.matching.CandidateRankingTest.BORN;
import static fr.passerelle.routing.matching.CandidateRankingTest.FIRST_DAY;
import static fr.passerelle.routing.matching.CandidateRankingTest.LAST_DAY;
import static fr.passerelle.routing.matching.CandidateRankingTest.childminder;
import static fr.passerelle.routing.matching.CandidateRankingTest.homeCare;
import static fr.passerelle.routing.matching.CandidateRankingTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import fr.passerelle.referral.CareNeed;
import fr.passerelle.routing.matching.ProviderFacts.LabelState;
import fr.passerelle.support.TestMessages;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Each reason a provider is excluded, in plain words with its facts: what blocks it and, where it can change, what
 * would unblock it.
 */
class ExclusionReasonsTest {

    final CandidateRanking ranking = new CandidateRanking();
    final ResourceBundleMessageSource messages = TestMessages.source();

    @Test
    void aLabelLapsingBeforeTheLastDaySaysWhenAndWhatWouldUnblockIt() {
        Candidate candidate = ranking.evaluate(childminder(1).labelDates(FIRST_DAY.minusYears(1),
                LAST_DAY.minusDays(3)).build(), request());

        assertThat(french(candidate)).containsExactly("Son label AVIP prend fin le 22/09/2026, avant le dernier jour"
                + " de garde (25/09/2026) : possible si le label est renouvelé jusqu’au 25/09/2026 au moins, ou pour"
                + " une garde finissant au plus tard le 22/09/2026.");
    }

    @Test
    void aLabelStartingLaterNoLabelAndAnExpiredLabelAreToldApart() {
        assertThat(codes(childminder(1).labelDates(FIRST_DAY.plusDays(1), LAST_DAY.plusYears(1))))
                .containsExactly("LABEL_NOT_STARTED");
        assertThat(codes(childminder(1).label(LabelState.NONE))).containsExactly("LABEL_NONE");
        assertThat(codes(childminder(1).labelDates(FIRST_DAY.minusYears(3), FIRST_DAY.minusDays(1))))
                .containsExactly("LABEL_EXPIRED");
    }

    @Test
    void noPlaceLeftSaysHowManyAreFreeForHowManyChildrenOnWhichDays() {
        CareRequest twoChildren = new CareRequest(1, "91228", "91", CareNeed.OCCASIONAL, FIRST_DAY, LAST_DAY,
                List.of(BORN, BORN.plusYears(1)), Set.of());
        Candidate candidate = ranking.evaluate(childminder(1).places(2, 1).build(), twoChildren);

        assertThat(french(candidate)).singleElement().asString()
                .startsWith("Plus de place libre du 07/09/2026 au 25/09/2026 : 1 place(s) libre(s) pour 2 enfant(s)")
                .contains("Possible si une garde est libérée");
    }

    @Test
    void anAgreementEndingEarlyAndAgesOutsideTheRangeNameTheirLimits() {
        assertThat(french(ranking.evaluate(childminder(1).agreementEnd(LAST_DAY.minusDays(1)).build(), request())))
                .singleElement().asString().startsWith("Son agrément prend fin le 24/09/2026, avant le dernier jour");
        assertThat(french(ranking.evaluate(childminder(1).ages(0, 24).build(), request())))
                .singleElement().asString().startsWith("Elle accueille les enfants de 0 à 24 mois");
        CareRequest baby = new CareRequest(1, "91228", "91", CareNeed.EMERGENCY_HOME_CARE, FIRST_DAY, FIRST_DAY,
                List.of(FIRST_DAY.minusMonths(8)), Set.of());
        assertThat(ranking.evaluate(homeCare(3).underThree(false).build(), baby).reasons())
                .extracting(ExclusionReason::code).containsExactly("AGE_UNDER_THREE");
    }

    @Test
    void everyReasonHasItsWordsInBothLanguages() {
        List<String> codes = new java.util.ArrayList<>(List.of("LABEL_NONE", "LABEL_EXPIRED", "LABEL_NOT_STARTED",
                "LABEL_LAPSES", "AGE_UNDER_THREE"));
        for (Exclusion exclusion : Exclusion.values()) {
            codes.add(exclusion.name());
        }
        codes.remove("LABEL_NOT_VALID_FOR_PERIOD");
        for (String code : codes) {
            for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
                assertThat(messages.getMessage("routing.reason." + code, new Object[] {"a", "b", "c", "d"}, locale))
                        .as(code + " " + locale).isNotBlank().doesNotContain("{");
            }
        }
    }

    private List<String> codes(CandidateRankingTest.Facts provider) {
        return ranking.evaluate(provider.build(), request()).reasons().stream().map(ExclusionReason::code).toList();
    }

    private List<String> french(Candidate candidate) {
        return candidate.reasons().stream()
                .map(reason -> messages.getMessage(reason.messageKey(), reason.messageArguments(), Locale.FRENCH))
                .toList();
    }
}
