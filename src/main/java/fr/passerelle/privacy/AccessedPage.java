package fr.passerelle.privacy;

/** The pages and files that show a referral's personal data: what {@code referral_access.page} holds. */
public enum AccessedPage {

    /** The advisor's page of a referral. */
    ADVISOR_DETAIL,
    /** The Caf officer's eligibility review. */
    OFFICER_REVIEW,
    /** The Caf officer's routing page. */
    OFFICER_ROUTING,
    /** The provider's page of an offer it accepted (the parent's contact). */
    PROVIDER_OFFER,
    /** The right-of-access file, to print (HTML). */
    RIGHT_OF_ACCESS_HTML,
    /** The right-of-access file, as CSV. */
    RIGHT_OF_ACCESS_CSV
}
