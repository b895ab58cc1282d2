package fr.passerelle.referral;

/**
 * How the parent is registered with France Travail. Since 1 January 2025 (full-employment law) RSA recipients and
 * young people followed by a Mission locale are registered automatically; their referent may belong to the
 * Département or to the Mission locale. Each route has a France Travail identifier.
 */
public enum Registration {

    /** Registered as a job seeker by the parent (the historical route). */
    FRANCE_TRAVAIL_JOB_SEEKER,
    /** An RSA recipient, registered automatically. */
    RSA_RECIPIENT,
    /** A young person followed by a Mission locale, registered automatically. */
    MISSION_LOCALE_YOUTH;

    /** Whether the registration is the automatic one of the full-employment law. */
    public boolean isAutomatic() {
        return this != FRANCE_TRAVAIL_JOB_SEEKER;
    }
}
