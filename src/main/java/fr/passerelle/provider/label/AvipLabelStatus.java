package fr.passerelle.provider.label;

/** Where an AVIP label stands on a given day, computed from its dates, suspension and revocation. */
public enum AvipLabelStatus {

    /** Granted, within its dates, neither suspended nor revoked: the childminder can be offered children. */
    ACTIVE,
    /** Granted for dates that have not started yet. */
    NOT_YET_VALID,
    /** Suspended for a reason; can be reinstated. */
    SUSPENDED,
    /** Withdrawn for good. */
    REVOKED,
    /** Its end date has passed. */
    EXPIRED
}
