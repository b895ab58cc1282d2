package fr.passerelle.eligibility;

import static fr.passerelle.eligibility.EligibilityExamples.TODAY;
import static fr.passerelle.eligibility.EligibilityExamples.eligibleFacts;
import static fr.passerelle.eligibility.EligibilityExamples.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class FirstDayNotInPastRuleTest {

    private static final String KEY = "eligibility.rule.FIRST_DAY_NOT_IN_PAST";

    private final FirstDayNotInPastRule rule = new FirstDayNotInPastRule();

    @Test
    void firstDayOnTheDayOfTheDecisionPasses() {
        RuleResult result = evaluate(TODAY);

        assertThat(result.rule()).isEqualTo(EligibilityRuleId.FIRST_DAY_NOT_IN_PAST);
        assertThat(result.outcome()).isEqualTo(RuleOutcome.PASSED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".passed");
        assertThat(result.messageArguments()).containsExactly("01/06/2026");
    }

    @Test
    void firstDayAfterTheDecisionPasses() {
        assertThat(evaluate(TODAY.plusDays(1)).outcome()).isEqualTo(RuleOutcome.PASSED);
    }

    @Test
    void firstDayTheDayBeforeTheDecisionFailsGivingBothDates() {
        RuleResult result = evaluate(TODAY.minusDays(1));

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".failed");
        assertThat(result.messageArguments()).containsExactly("31/05/2026", "01/06/2026");
    }

    @Test
    void missingFirstDayCannotBeTold() {
        RuleResult result = evaluate(null);

        assertThat(result.outcome()).isEqualTo(RuleOutcome.CANNOT_TELL);
        assertThat(result.messageKey()).isEqualTo(KEY + ".cannot-tell");
    }

    private RuleResult evaluate(LocalDate firstDay) {
        return rule.evaluate(eligibleFacts().firstDayOfCare(firstDay).build(), parameters());
    }
}
