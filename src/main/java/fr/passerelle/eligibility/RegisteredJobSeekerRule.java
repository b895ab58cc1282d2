package fr.passerelle.eligibility;

import fr.passerelle.referral.FranceTravailIdentifier;

/**
 * The parent is a registered job seeker: the France Travail identifier has a valid format and the advisor attests the
 * registration. The format alone cannot prove registration, so a valid identifier without the attestation stays open.
 */
class RegisteredJobSeekerRule implements EligibilityRule {

    @Override
    public EligibilityRuleId id() {
        return EligibilityRuleId.REGISTERED_JOB_SEEKER;
    }

    @Override
    public RuleResult evaluate(EligibilityFacts facts, EligibilityParameters parameters) {
        String identifier = FranceTravailIdentifier.normalise(facts.franceTravailId());
        if (identifier == null || identifier.isEmpty()) {
            return RuleResult.failed(id(), "missing");
        }
        if (!FranceTravailIdentifier.isValid(identifier)) {
            return RuleResult.failed(id(), "invalid", identifier);
        }
        if (!facts.jobSeekerAttested()) {
            return RuleResult.cannotTell(id(), null);
        }
        return RuleResult.passed(id(), null);
    }
}
