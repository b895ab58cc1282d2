package fr.passerelle.eligibility;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** The first day of care is not already past on the day of the decision; care starting that very day is fine. */
class FirstDayNotInPastRule implements EligibilityRule {

    // Arguments are not localised; day/month/year reads right in French and in British English.
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Override
    public EligibilityRuleId id() {
        return EligibilityRuleId.FIRST_DAY_NOT_IN_PAST;
    }

    @Override
    public RuleResult evaluate(EligibilityFacts facts, EligibilityParameters parameters) {
        LocalDate firstDay = facts.firstDayOfCare();
        if (firstDay == null) {
            return RuleResult.cannotTell(id(), null);
        }
        if (firstDay.isBefore(parameters.today())) {
            return RuleResult.failed(id(), null, DATE.format(firstDay), DATE.format(parameters.today()));
        }
        return RuleResult.passed(id(), null, DATE.format(firstDay));
    }
}
