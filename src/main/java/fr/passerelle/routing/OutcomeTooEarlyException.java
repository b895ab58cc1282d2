package fr.passerelle.routing;

/** The outcome is recorded once the care has started, not before. Message {@code routing.error.outcomeTooEarly}. */
public class OutcomeTooEarlyException extends RoutingException {

    OutcomeTooEarlyException(long referralId) {
        super("The care of referral " + referralId + " has not started yet", "routing.error.outcomeTooEarly");
    }
}
