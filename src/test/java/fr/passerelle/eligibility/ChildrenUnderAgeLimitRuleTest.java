package fr.passerelle.eligibility;

import static fr.passerelle.eligibility.EligibilityExamples.TERRITORY;
import static fr.passerelle.eligibility.EligibilityExamples.TODAY;
import static fr.passerelle.eligibility.EligibilityExamples.eligibleFacts;
import static fr.passerelle.eligibility.EligibilityExamples.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;

import fr.passerelle.referral.Purpose;
import org.junit.jupiter.api.Test;

class ChildrenUnderAgeLimitRuleTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 9, 1);
    private static final String KEY = "eligibility.rule.CHILDREN_UNDER_AGE_LIMIT";

    private final ChildrenUnderAgeLimitRule rule = new ChildrenUnderAgeLimitRule();

    @Test
    void childTurningTenTheDayBeforeTheFirstDayIsOverTheLimit() {
        RuleResult result = evaluate(FIRST_DAY, LocalDate.of(2016, 8, 31));

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".failed.one");
        assertThat(result.messageArguments()).containsExactly("10", "1");
    }

    @Test
    void childTurningTenOnTheFirstDayIsOverTheLimit() {
        RuleResult result = evaluate(FIRST_DAY, LocalDate.of(2016, 9, 1));

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".failed.one");
    }

    @Test
    void childTurningTenTheDayAfterTheFirstDayIsUnderTheLimit() {
        RuleResult result = evaluate(FIRST_DAY, LocalDate.of(2016, 9, 2));

        assertThat(result.outcome()).isEqualTo(RuleOutcome.PASSED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".passed");
        assertThat(result.messageArguments()).containsExactly("10");
    }

    @Test
    void childBornOnTheFirstDayIsUnderTheLimit() {
        assertThat(evaluate(FIRST_DAY, FIRST_DAY).outcome()).isEqualTo(RuleOutcome.PASSED);
    }

    @Test
    void childBornOnTheTwentyNinthOfFebruaryTurnsTenOnTheFirstOfMarch() {
        LocalDate leapDay = LocalDate.of(2016, 2, 29);

        assertThat(evaluate(LocalDate.of(2026, 2, 28), leapDay).outcome()).isEqualTo(RuleOutcome.PASSED);
        assertThat(evaluate(LocalDate.of(2026, 3, 1), leapDay).outcome()).isEqualTo(RuleOutcome.FAILED);
    }

    @Test
    void everyChildMustBeUnderTheLimit() {
        RuleResult result = evaluate(FIRST_DAY, LocalDate.of(2024, 1, 1), LocalDate.of(2016, 1, 1));

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageArguments()).containsExactly("10", "2");
    }

    @Test
    void childrenOverTheLimitAreNamedByTheirPositionAndCounted() {
        RuleResult result = evaluate(FIRST_DAY,
                LocalDate.of(2015, 5, 5), LocalDate.of(2020, 5, 5), LocalDate.of(2016, 9, 1));

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".failed.many");
        assertThat(result.messageArguments()).containsExactly("10", "1, 3", "2");
    }

    @Test
    void birthDateAfterTheFirstDayIsImpossible() {
        RuleResult result = evaluate(FIRST_DAY, LocalDate.of(2020, 1, 1), FIRST_DAY.plusDays(1));

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".failed.born-after-first-day.one");
        assertThat(result.messageArguments()).containsExactly("2");
    }

    @Test
    void severalBirthDatesAfterTheFirstDayAreAllNamed() {
        RuleResult result = evaluate(FIRST_DAY, FIRST_DAY.plusYears(1), FIRST_DAY.plusDays(1));

        assertThat(result.messageKey()).isEqualTo(KEY + ".failed.born-after-first-day.many");
        assertThat(result.messageArguments()).containsExactly("1, 2");
    }

    @Test
    void withoutAFirstDayTheAgeCannotBeTold() {
        RuleResult result = evaluate(null, LocalDate.of(2020, 1, 1));

        assertThat(result.outcome()).isEqualTo(RuleOutcome.CANNOT_TELL);
        assertThat(result.messageKey()).isEqualTo(KEY + ".cannot-tell.no-first-day");
        assertThat(result.messageArguments()).isEmpty();
    }

    @Test
    void withoutChildrenTheAgeCannotBeTold() {
        for (EligibilityFacts facts : new EligibilityFacts[] {
                eligibleFacts().childrenBornOn().build(),
                eligibleFacts().childrenBornOn((LocalDate[]) null).build() }) {
            RuleResult result = rule.evaluate(facts, parameters());

            assertThat(result.outcome()).isEqualTo(RuleOutcome.CANNOT_TELL);
            assertThat(result.messageKey()).isEqualTo(KEY + ".cannot-tell.no-children");
        }
    }

    @Test
    void unknownBirthDateCannotBeToldWhenTheOtherChildrenAreUnderTheLimit() {
        RuleResult result = evaluate(FIRST_DAY, LocalDate.of(2020, 1, 1), null);

        assertThat(result.outcome()).isEqualTo(RuleOutcome.CANNOT_TELL);
        assertThat(result.messageKey()).isEqualTo(KEY + ".cannot-tell.birth-date-missing.one");
        assertThat(result.messageArguments()).containsExactly("2");
    }

    @Test
    void childOverTheLimitFailsEvenWhenAnotherBirthDateIsUnknown() {
        RuleResult result = evaluate(FIRST_DAY, null, LocalDate.of(2010, 1, 1));

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageArguments()).containsExactly("10", "2");
    }

    @Test
    void theLimitComesFromTheParameters() {
        EligibilityParameters crecheLimit = new EligibilityParameters(3, EnumSet.allOf(Purpose.class), TERRITORY, TODAY);

        RuleResult three = rule.evaluate(
                eligibleFacts().firstDayOfCare(FIRST_DAY).childrenBornOn(LocalDate.of(2023, 9, 1)).build(), crecheLimit);
        RuleResult almostThree = rule.evaluate(
                eligibleFacts().firstDayOfCare(FIRST_DAY).childrenBornOn(LocalDate.of(2023, 9, 2)).build(), crecheLimit);

        assertThat(three.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(three.messageArguments()).containsExactly("3", "1");
        assertThat(almostThree.outcome()).isEqualTo(RuleOutcome.PASSED);
        assertThat(almostThree.messageArguments()).containsExactly("3");
    }

    private RuleResult evaluate(LocalDate firstDay, LocalDate... birthDates) {
        RuleResult result = rule.evaluate(
                eligibleFacts().firstDayOfCare(firstDay).childrenBornOn(birthDates).build(), parameters());
        assertThat(result.rule()).isEqualTo(EligibilityRuleId.CHILDREN_UNDER_AGE_LIMIT);
        return result;
    }
}
