package fr.passerelle.eligibility;

import static fr.passerelle.eligibility.EligibilityExamples.eligibleFacts;
import static fr.passerelle.eligibility.EligibilityExamples.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegisteredJobSeekerRuleTest {

    private static final String KEY = "eligibility.rule.REGISTERED_JOB_SEEKER";

    private final RegisteredJobSeekerRule rule = new RegisteredJobSeekerRule();

    @ParameterizedTest
    @ValueSource(strings = {"1234567A", "12345678", "12345678901", " 1234 567a "})
    void validIdentifierAttestedByTheAdvisorPasses(String identifier) {
        RuleResult result = evaluate(identifier, true);

        assertThat(result.rule()).isEqualTo(EligibilityRuleId.REGISTERED_JOB_SEEKER);
        assertThat(result.outcome()).isEqualTo(RuleOutcome.PASSED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".passed");
    }

    @Test
    void validIdentifierWithoutTheAdvisorsAttestationCannotBeTold() {
        RuleResult result = evaluate("12345678901", false);

        assertThat(result.outcome()).isEqualTo(RuleOutcome.CANNOT_TELL);
        assertThat(result.messageKey()).isEqualTo(KEY + ".cannot-tell");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void missingIdentifierFailsEvenWhenAttested(String identifier) {
        RuleResult result = evaluate(identifier, true);

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".failed.missing");
        assertThat(result.messageArguments()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567", "123456789", "1234567AB", "123456789012", "A1234567"})
    void invalidIdentifierFailsEvenWhenAttested(String identifier) {
        RuleResult result = evaluate(identifier, true);

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".failed.invalid");
        assertThat(result.messageArguments()).containsExactly(identifier);
    }

    @Test
    void invalidIdentifierIsQuotedAsNormalised() {
        assertThat(evaluate("12 34 5a", false).messageArguments()).containsExactly("12345A");
    }

    private RuleResult evaluate(String identifier, boolean attested) {
        return rule.evaluate(eligibleFacts().franceTravailId(identifier).jobSeekerAttested(attested).build(),
                parameters());
    }
}
