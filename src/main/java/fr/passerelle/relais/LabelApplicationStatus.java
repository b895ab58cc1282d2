package fr.passerelle.relais;

/** Where a childminder's application for the AVIP label stands. */
public enum LabelApplicationStatus {

    /** Filed; the facilitator of her relais is to give an opinion. */
    AWAITING_OPINION,
    /** The relais gave its opinion (or none covers her commune); a Caf administrator is to decide. */
    AWAITING_DECISION,
    /** The Caf granted the label: the application names the label it created. */
    GRANTED,
    /** The Caf refused, with a reason. */
    REFUSED,
    /** The childminder withdrew it before the decision. */
    WITHDRAWN;

    /** Whether a decision is still to come. */
    public boolean isOpen() {
        return this == AWAITING_OPINION || this == AWAITING_DECISION;
    }
}
