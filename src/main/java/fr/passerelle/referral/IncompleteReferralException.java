package fr.passerelle.referral;

/** The referral lacks what the Caf needs (or the parent's consent) to be sent. */
public class IncompleteReferralException extends RuntimeException {

    public IncompleteReferralException() {
        super("The referral is incomplete or lacks the parent's consent");
    }
}
