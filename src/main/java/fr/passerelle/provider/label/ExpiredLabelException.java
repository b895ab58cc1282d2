package fr.passerelle.provider.label;

/**
 * A label whose last day has passed cannot be suspended: there is nothing left to suspend, and a suspension would
 * hide that it lapsed. Grant a new one, or revoke it.
 */
public class ExpiredLabelException extends IllegalLabelTransitionException {

    public ExpiredLabelException() {
        super("An expired label cannot be suspended");
    }
}
