package fr.passerelle.statistics;

/** What the breakdown table groups referrals by; each value is a column of {@code statistics_event}. */
public enum Breakdown {
    /** The France Travail agency or other prescriber that filed the referral (the Caf's view only). */
    PRESCRIBER("e.organisation_id::text"),
    /** The family's commune. */
    COMMUNE("e.commune_code"),
    /** The family's intercommunality. */
    EPCI("e.epci_code"),
    /** Emergency home care, occasional or regular care. */
    NEED("e.need"),
    /** Job interview, training or job. */
    PURPOSE("e.purpose");

    private final String expression;

    Breakdown(String expression) {
        this.expression = expression;
    }

    String expression() {
        return expression;
    }
}
