package fr.passerelle.eligibility;

/** What one eligibility rule concluded. */
public enum RuleOutcome {

    /** The referral meets the condition. */
    PASSED,
    /** The referral does not meet the condition. */
    FAILED,
    /** The referral lacks what the condition needs: the officer has to find out or ask. */
    CANNOT_TELL
}
