package fr.passerelle.referral;

/** A move the referral's state machine does not allow, such as deciding on a draft or editing a decided referral. */
public class IllegalReferralTransitionException extends RuntimeException {

    private final ReferralStatus from;
    private final ReferralStatus to;

    public IllegalReferralTransitionException(ReferralStatus from, ReferralStatus to) {
        super(to == null ? "A referral cannot be changed once " + from
                : "A referral cannot go from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    /** A move the table allows from this status, but not by this action; {@code why} says what is wrong. */
    public IllegalReferralTransitionException(ReferralStatus from, ReferralStatus to, String why) {
        super("A referral cannot go from " + from + " to " + to + ": " + why);
        this.from = from;
        this.to = to;
    }

    public ReferralStatus getFrom() {
        return from;
    }

    /** The status that was asked for; {@code null} when the move was an edit. */
    public ReferralStatus getTo() {
        return to;
    }
}
