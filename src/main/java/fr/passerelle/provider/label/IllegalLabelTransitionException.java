package fr.passerelle.provider.label;

/** The label's status does not allow that change (reinstating an active label, renewing a revoked one…). */
public class IllegalLabelTransitionException extends RuntimeException {

    public IllegalLabelTransitionException(String message) {
        super(message);
    }
}
