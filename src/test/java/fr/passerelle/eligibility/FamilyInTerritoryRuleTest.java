package fr.passerelle.eligibility;

import static fr.passerelle.eligibility.EligibilityExamples.TODAY;
import static fr.passerelle.eligibility.EligibilityExamples.eligibleFacts;
import static fr.passerelle.eligibility.EligibilityExamples.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import fr.passerelle.referral.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FamilyInTerritoryRuleTest {

    private static final String KEY = "eligibility.rule.FAMILY_IN_TERRITORY";

    private final FamilyInTerritoryRule rule = new FamilyInTerritoryRule();

    @Test
    void familyInTheDepartementOfTheCafPasses() {
        RuleResult result = evaluate("91", parameters());

        assertThat(result.rule()).isEqualTo(EligibilityRuleId.FAMILY_IN_TERRITORY);
        assertThat(result.outcome()).isEqualTo(RuleOutcome.PASSED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".passed");
        assertThat(result.messageArguments()).containsExactly("91");
    }

    @Test
    void familyInAnotherDepartementFailsNamingBothCodes() {
        RuleResult result = evaluate("75", parameters());

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".failed");
        assertThat(result.messageArguments()).containsExactly("75", "91");
    }

    @Test
    void codesAreComparedIgnoringCaseAndSurroundingSpaces() {
        EligibilityParameters southCorsica = new EligibilityParameters(10, EnumSet.allOf(Purpose.class), "2A", TODAY);

        assertThat(evaluate(" 2a ", southCorsica).outcome()).isEqualTo(RuleOutcome.PASSED);
        assertThat(evaluate("2B", southCorsica).outcome()).isEqualTo(RuleOutcome.FAILED);
    }

    @Test
    void overseasDepartementIsNotItsFirstTwoDigits() {
        EligibilityParameters guadeloupe = new EligibilityParameters(10, EnumSet.allOf(Purpose.class), "971", TODAY);

        assertThat(evaluate("97", guadeloupe).outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(evaluate("971", guadeloupe).outcome()).isEqualTo(RuleOutcome.PASSED);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void missingDepartementCannotBeTold(String departement) {
        RuleResult result = evaluate(departement, parameters());

        assertThat(result.outcome()).isEqualTo(RuleOutcome.CANNOT_TELL);
        assertThat(result.messageKey()).isEqualTo(KEY + ".cannot-tell");
    }

    private RuleResult evaluate(String familyDepartement, EligibilityParameters parameters) {
        return rule.evaluate(eligibleFacts().familyDepartementCode(familyDepartement).build(), parameters);
    }
}
