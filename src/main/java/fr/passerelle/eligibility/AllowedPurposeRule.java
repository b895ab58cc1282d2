package fr.passerelle.eligibility;

import java.time.format.DateTimeFormatter;

/**
 * The care is for a purpose the Caf found eligible on the day the referral was sent (the rule of its day). The
 * purpose is not given as a message argument: arguments are not translated, and the view shows the referral's purpose
 * next to the verdict.
 */
class AllowedPurposeRule implements EligibilityRule {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Override
    public EligibilityRuleId id() {
        return EligibilityRuleId.ALLOWED_PURPOSE;
    }

    @Override
    public RuleResult evaluate(EligibilityFacts facts, EligibilityParameters parameters) {
        if (facts.purpose() == null) {
            return RuleResult.cannotTell(id(), null);
        }
        if (parameters.allowedPurposes().contains(facts.purpose())) {
            return RuleResult.passed(id(), null);
        }
        if (parameters.purposesAsOf() != null) {
            return RuleResult.failed(id(), "on-day", parameters.purposesAsOf().format(DAY));
        }
        return RuleResult.failed(id(), null);
    }
}
