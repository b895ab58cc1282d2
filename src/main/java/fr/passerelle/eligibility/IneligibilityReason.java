package fr.passerelle.eligibility;

/** Why a family was found not eligible; a fixed list so that refusals can be counted. */
public enum IneligibilityReason {

    /** A child is over the age limit on the first day of care. */
    CHILD_TOO_OLD,
    /** The parent is not a registered job seeker. */
    NOT_A_JOB_SEEKER,
    /** The purpose is not an interview, a training or a job. */
    PURPOSE_NOT_COVERED,
    /** The family lives outside the Caf's territory. */
    OUTSIDE_TERRITORY,
    /** The dates of care have passed. */
    DATES_PASSED,
    /** Another referral already covers this need. */
    DUPLICATE,
    /** Another reason, given in the comment. */
    OTHER
}
