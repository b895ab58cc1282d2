package fr.passerelle.eligibility;

/**
 * The care is for a purpose the scheme covers. The purpose is not given as a message argument: arguments are not
 * translated, and the view shows the referral's purpose next to the verdict.
 */
class AllowedPurposeRule implements EligibilityRule {

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
        return RuleResult.failed(id(), null);
    }
}
