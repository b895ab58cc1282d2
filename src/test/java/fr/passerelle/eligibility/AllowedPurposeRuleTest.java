package fr.passerelle.eligibility;

import static fr.passerelle.eligibility.EligibilityExamples.TERRITORY;
import static fr.passerelle.eligibility.EligibilityExamples.TODAY;
import static fr.passerelle.eligibility.EligibilityExamples.eligibleFacts;
import static fr.passerelle.eligibility.EligibilityExamples.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;

import fr.passerelle.referral.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AllowedPurposeRuleTest {

    private static final String KEY = "eligibility.rule.ALLOWED_PURPOSE";

    private final AllowedPurposeRule rule = new AllowedPurposeRule();

    @ParameterizedTest
    @EnumSource(Purpose.class)
    void purposeInTheAllowedSetPasses(Purpose purpose) {
        RuleResult result = rule.evaluate(eligibleFacts().purpose(purpose).build(), parameters());

        assertThat(result.rule()).isEqualTo(EligibilityRuleId.ALLOWED_PURPOSE);
        assertThat(result.outcome()).isEqualTo(RuleOutcome.PASSED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".passed");
    }

    @Test
    void purposeLeftOutOfTheAllowedSetFails() {
        EligibilityParameters interviewsOnly = allowing(Set.of(Purpose.JOB_INTERVIEW));

        RuleResult result = rule.evaluate(eligibleFacts().purpose(Purpose.JOB).build(), interviewsOnly);

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".failed");
    }

    @Test
    void noPurposePassesWhenNoneIsAllowed() {
        RuleResult result = rule.evaluate(eligibleFacts().purpose(Purpose.TRAINING).build(), allowing(Set.of()));

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
    }

    @Test
    void missingPurposeCannotBeTold() {
        RuleResult result = rule.evaluate(eligibleFacts().purpose(null).build(), parameters());

        assertThat(result.outcome()).isEqualTo(RuleOutcome.CANNOT_TELL);
        assertThat(result.messageKey()).isEqualTo(KEY + ".cannot-tell");
    }

    @Test
    void aPurposeNotEligibleOnTheDayTheReferralWasSentFailsAndSaysWhichDay() {
        EligibilityParameters onTheDay = new EligibilityParameters(10, Set.of(Purpose.JOB, Purpose.WORKSHOP),
                TERRITORY, TODAY, LocalDate.of(2026, 3, 12), LocalDate.of(2025, 1, 1));

        assertThat(rule.evaluate(eligibleFacts().purpose(Purpose.WORKSHOP).build(), onTheDay).outcome())
                .isEqualTo(RuleOutcome.PASSED);
        RuleResult immersion = rule.evaluate(eligibleFacts().purpose(Purpose.COMPANY_IMMERSION).build(), onTheDay);
        assertThat(immersion.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(immersion.messageKey()).isEqualTo(KEY + ".failed.on-day");
        assertThat(immersion.messageArguments()).containsExactly("12/03/2026");
    }

    private static EligibilityParameters allowing(Set<Purpose> purposes) {
        return new EligibilityParameters(10, purposes, TERRITORY, TODAY);
    }
}
