package fr.passerelle.referral;

/** The outcome is recorded once the care has started, not before. Message {@code routing.error.outcomeTooEarly}. */
public class OutcomeTooEarlyException extends RuntimeException {

    OutcomeTooEarlyException(long referralId) {
        super("The care of referral " + referralId + " has not started yet");
    }

    /** The sentence to show (French and English); the key is kept from when routing recorded the outcome. */
    public String getMessageCode() {
        return "routing.error.outcomeTooEarly";
    }
}
