package fr.passerelle.eligibility;

/**
 * A Caf officer decided on a referral: eligible, not eligible (with the reason) or information requested. Published
 * in the decision's transaction, so that what listens (notifications) records its rows in it too.
 *
 * @param reason why the family is not eligible; {@code null} for the other outcomes
 */
public record EligibilityDecided(long referralId, DecisionOutcome outcome, IneligibilityReason reason) {
}
