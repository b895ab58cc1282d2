package fr.passerelle.eligibility;

/** One condition of the scheme, checked against the facts of a referral with the thresholds in force. */
public interface EligibilityRule {

    EligibilityRuleId id();

    RuleResult evaluate(EligibilityFacts facts, EligibilityParameters parameters);
}
