package fr.passerelle.routing;

/** Why a provider declined an offer, from a list (a comment may add more; required for {@link #OTHER}). */
public enum DeclineReason {

    /** No free place any more. */
    NO_CAPACITY,
    /** The dates are not possible. */
    DATES_UNAVAILABLE,
    /** The days or hours are not possible. */
    HOURS_UNSUITABLE,
    /** A child's age is not accepted. */
    AGE_NOT_ACCEPTED,
    /** The family lives too far. */
    TOO_FAR,
    /** Something else, said in the comment. */
    OTHER
}
