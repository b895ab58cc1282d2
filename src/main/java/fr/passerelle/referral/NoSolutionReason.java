package fr.passerelle.referral;

/** Why no provider could take the family: unmet demand, counted rather than hidden. */
public enum NoSolutionReason {

    /** No provider serves the family's area for that need. */
    NO_PROVIDER_IN_AREA,
    /** Every provider proposed declined or let the offer expire. */
    ALL_DECLINED,
    /** The providers in reach have no free place for the period. */
    NO_CAPACITY,
    /** Something else, said in the comment. */
    OTHER
}
