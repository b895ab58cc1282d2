package fr.passerelle.eligibility;

import java.time.format.DateTimeFormatter;

import fr.passerelle.referral.FranceTravailIdentifier;

/**
 * The parent is registered with France Travail: the identifier has a valid format and the advisor attests the
 * registration. The format alone cannot prove registration, so a valid identifier without the attestation stays open.
 * Since 1 January 2025 (full-employment law) RSA recipients and young people followed by a Mission locale are
 * registered automatically: such a registration counts for the referrals sent from
 * {@link EligibilityParameters#automaticRegistrationFrom()} on; earlier referrals keep the rule of their day.
 */
class RegisteredJobSeekerRule implements EligibilityRule {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

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
        if (!facts.registration().isAutomatic()) {
            return facts.jobSeekerAttested() ? RuleResult.passed(id(), null) : RuleResult.cannotTell(id(), null);
        }
        String route = facts.registration().name();
        if (parameters.automaticRegistrationFrom() == null) {
            return RuleResult.failed(id(), "automatic-not-accepted." + route);
        }
        if (facts.sentOn() == null || facts.sentOn().isBefore(parameters.automaticRegistrationFrom())) {
            return RuleResult.failed(id(), "automatic-too-early." + route,
                    parameters.automaticRegistrationFrom().format(DAY));
        }
        return facts.jobSeekerAttested() ? RuleResult.passed(id(), route) : RuleResult.cannotTell(id(), route);
    }
}
