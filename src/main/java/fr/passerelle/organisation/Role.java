package fr.passerelle.organisation;

/** What a user does in Passerelle; each user has exactly one. */
public enum Role {

    /** Conseiller·ère (France Travail, Mission locale, centre social): files and follows referrals. */
    ADVISOR("/advisor"),
    /** Agent·e de l'action sociale of a Caf: checks eligibility, routes cases, watches deadlines. */
    CAF_OFFICER("/officer"),
    /** Someone answering offers for a home-care service, a crèche or as a childminder. */
    PROVIDER("/provider"),
    /** Keeps the registry: providers, AVIP labels, organisations, users. */
    ADMIN("/admin"),
    /** Animateur·rice of a Relais Petite Enfance: follows the AVIP childminders of the relais's communes. */
    RPE_FACILITATOR("/relais");

    private final String homePath;

    Role(String homePath) {
        this.homePath = homePath;
    }

    /** Where this role lands after signing in. */
    public String homePath() {
        return homePath;
    }

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
