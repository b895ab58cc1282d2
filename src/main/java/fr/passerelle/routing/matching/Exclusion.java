package fr.passerelle.routing.matching;

/** Why a provider cannot be offered a referral; each has a label {@code routing.exclusion.<NAME>}. */
public enum Exclusion {

    /** The childminder's current AVIP label is suspended or revoked. */
    LABEL_SUSPENDED,
    /** The childminder has no AVIP label in force from the first to the last day of care. */
    LABEL_NOT_VALID_FOR_PERIOD,
    /** The childminder's agreement ends before the last day of care. */
    AGREEMENT_LAPSED,
    /** The childminder offers no AVIP place, or the crèche reserves no emergency place. */
    NO_AVIP_PLACE,
    /** Not enough free places for the family's children over the period. */
    FULL,
    /** In another département. */
    TOO_FAR,
    /** A home-care service that does not cover the family's commune. */
    NOT_COVERED,
    /**
     * A child's age on the first or the last day is outside the ages accepted (or under 3 for a service without the
     * agreement).
     */
    AGE_NOT_ACCEPTED,
    /** Declined this referral before: never proposed again for it. */
    DECLINED_BEFORE,
    /** The service or crèche is deactivated. */
    SERVICE_INACTIVE,
    /** The childminder declared an absence on days of the care period. */
    AWAY
}
