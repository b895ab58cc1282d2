package fr.passerelle.eligibility;

import static fr.passerelle.eligibility.EligibilityExamples.FIRST_DAY;
import static fr.passerelle.eligibility.EligibilityExamples.TERRITORY;
import static fr.passerelle.eligibility.EligibilityExamples.TODAY;
import static fr.passerelle.eligibility.EligibilityExamples.eligibleFacts;
import static fr.passerelle.eligibility.EligibilityExamples.parameters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.passerelle.referral.Purpose;
import org.junit.jupiter.api.Test;

class EligibilityChecklistTest {

    private static final Map<RuleOutcome, String> OUTCOME_KEYS = Map.of(
            RuleOutcome.PASSED, "passed", RuleOutcome.FAILED, "failed", RuleOutcome.CANNOT_TELL, "cannot-tell");

    private final EligibilityChecklist checklist = new EligibilityChecklist();

    @Test
    void givesOneResultPerRuleInTheOrderOfTheRuleIds() {
        List<RuleResult> results = checklist.evaluate(eligibleFacts().build(), parameters());

        assertThat(results).extracting(RuleResult::rule).containsExactly(EligibilityRuleId.values());
    }

    @Test
    void eligibleReferralPassesEveryRule() {
        List<RuleResult> results = checklist.evaluate(eligibleFacts().build(), parameters());

        assertThat(results).extracting(RuleResult::outcome).containsOnly(RuleOutcome.PASSED);
    }

    @Test
    void referralWithNothingKnownPassesNoRule() {
        EligibilityFacts nothingKnown = new EligibilityFacts(null, null, null, false, null, null);

        List<RuleResult> results = checklist.evaluate(nothingKnown, parameters());

        assertThat(results).extracting(RuleResult::rule).containsExactly(EligibilityRuleId.values());
        assertThat(results).extracting(RuleResult::outcome).containsExactly(
                RuleOutcome.CANNOT_TELL, RuleOutcome.FAILED, RuleOutcome.CANNOT_TELL, RuleOutcome.CANNOT_TELL,
                RuleOutcome.CANNOT_TELL);
    }

    @Test
    void everyMessageKeyNamesItsRuleAndOutcome() {
        List<EligibilityFacts> examples = List.of(
                eligibleFacts().build(),
                new EligibilityFacts(null, null, null, false, null, null),
                eligibleFacts().childrenBornOn(LocalDate.of(2000, 1, 1), null).franceTravailId("x")
                        .familyDepartementCode("75").firstDayOfCare(TODAY.minusDays(3)).build(),
                eligibleFacts().jobSeekerAttested(false).build());

        for (EligibilityFacts facts : examples) {
            for (RuleResult result : checklist.evaluate(facts, parameters())) {
                assertThat(result.messageKey()).startsWith(
                        "eligibility.rule." + result.rule().name() + "." + OUTCOME_KEYS.get(result.outcome()));
            }
        }
    }

    @Test
    void raisingTheAgeLimitTurnsAnOverAgeChildIntoAnEligibleOne() {
        EligibilityFacts tenYearOld = eligibleFacts().childrenBornOn(FIRST_DAY.minusYears(10)).build();
        EligibilityParameters limitTwelve = new EligibilityParameters(12, EnumSet.allOf(Purpose.class), TERRITORY,
                TODAY);

        assertThat(outcomeOf(EligibilityRuleId.CHILDREN_UNDER_AGE_LIMIT, tenYearOld, parameters()))
                .isEqualTo(RuleOutcome.FAILED);
        assertThat(outcomeOf(EligibilityRuleId.CHILDREN_UNDER_AGE_LIMIT, tenYearOld, limitTwelve))
                .isEqualTo(RuleOutcome.PASSED);
    }

    @Test
    void narrowingTheAllowedPurposesFailsAReferralThatPassedBefore() {
        EligibilityFacts training = eligibleFacts().purpose(Purpose.TRAINING).build();
        EligibilityParameters jobsOnly = new EligibilityParameters(10, Set.of(Purpose.JOB), TERRITORY, TODAY);

        assertThat(outcomeOf(EligibilityRuleId.ALLOWED_PURPOSE, training, parameters())).isEqualTo(RuleOutcome.PASSED);
        assertThat(outcomeOf(EligibilityRuleId.ALLOWED_PURPOSE, training, jobsOnly)).isEqualTo(RuleOutcome.FAILED);
    }

    @Test
    void decidingAfterTheFirstDayFailsTheReferral() {
        EligibilityParameters dayAfterFirstDay = new EligibilityParameters(10, EnumSet.allOf(Purpose.class),
                TERRITORY, FIRST_DAY.plusDays(1));

        assertThat(outcomeOf(EligibilityRuleId.FIRST_DAY_NOT_IN_PAST, eligibleFacts().build(), dayAfterFirstDay))
                .isEqualTo(RuleOutcome.FAILED);
    }

    @Test
    void parametersRefuseAnAgeLimitBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new EligibilityParameters(0, EnumSet.allOf(Purpose.class), TERRITORY, TODAY));
    }

    private RuleOutcome outcomeOf(EligibilityRuleId rule, EligibilityFacts facts, EligibilityParameters parameters) {
        return checklist.evaluate(facts, parameters).stream()
                .filter(result -> result.rule() == rule)
                .findFirst().orElseThrow()
                .outcome();
    }
}
