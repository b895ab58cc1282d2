package fr.passerelle.eligibility;

/** What the Caf officer decides on a submitted referral. */
public enum DecisionOutcome {

    /** The family meets the criteria: the referral goes on to routing. */
    ELIGIBLE,
    /** The family does not meet the criteria, for a reason from {@link IneligibilityReason}. */
    INELIGIBLE,
    /** Something is missing or doubtful: a question goes back to the advisor. */
    INFORMATION_REQUESTED
}
