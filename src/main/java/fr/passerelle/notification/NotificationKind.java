package fr.passerelle.notification;

/**
 * What a notification tells, and so who gets it and whether it can be switched off. The in-application text is the
 * message {@code notification.kind.<NAME>} with the notification's arguments (see each value).
 */
public enum NotificationKind {

    /** To a provider: an offer waits for its answer. Arguments: offer id, family's commune, deadline. */
    OFFER_SENT(false),
    /** To a provider: the deadline of an unanswered offer is near. Arguments: offer id, commune, deadline. */
    OFFER_REMINDER(true),
    /** To a provider: an offer it had is cancelled (the family withdrew). Arguments: offer id, commune. */
    OFFER_CANCELLED(false),
    /** To the Caf: a provider declined; the referral is back in the routing queue. Arguments: referral id, provider. */
    OFFER_DECLINED(false),
    /** To the Caf: an offer expired unanswered; the referral is back in the routing queue. Arguments: referral id, provider. */
    OFFER_EXPIRED(false),
    /** To a Caf officer: what waits today. Arguments: day, to examine, to route, overdue offers. */
    DAILY_DIGEST(true),
    /** To the advisor: the Caf asks a question about a referral. Arguments: referral id. */
    INFORMATION_REQUESTED(false),
    /** To the advisor: the family is eligible. Arguments: referral id. */
    FOUND_ELIGIBLE(false),
    /** To the advisor: the family is not eligible. Arguments: referral id. */
    FOUND_INELIGIBLE(false),
    /** To the advisor: a provider accepted. Arguments: referral id, provider, first day. */
    CARE_ARRANGED(false),
    /** To the advisor: the Caf found no provider. Arguments: referral id. */
    NO_SOLUTION(false),
    /** To the advisor: the care period is over, the outcome is to record. Arguments: referral id. */
    OUTCOME_DUE(true),
    /** To the advisor: a draft never sent will be deleted (data protection). Arguments: referral id, day. */
    DRAFT_DELETION_WARNING(false),
    /** To an RPE facilitator: a childminder of her relais applied for the AVIP label. Arguments: application id, commune. */
    LABEL_APPLICATION_SUBMITTED(false),
    /** To an RPE facilitator: a label of one of her childminders lapses soon. Arguments: childminder id, last day. */
    LABEL_LAPSING(false),
    /** To a childminder: her monthly allowance statement waits for her confirmation. Arguments: statement id, month. */
    ALLOWANCE_STATEMENT_READY(false),
    /** To a childminder: her statement went into a payment file. Arguments: statement id, month, total. */
    ALLOWANCE_STATEMENT_PAID(false),
    /** To the advisor: a follow-up of a job or training that started is to answer (one or six months). Arguments: referral id. */
    FOLLOW_UP_DUE(false);

    private final boolean optional;

    NotificationKind(boolean optional) {
        this.optional = optional;
    }

    /** Whether the recipient may switch it off (digest, reminders) in their account page. */
    public boolean isOptional() {
        return optional;
    }

    /** The message code of the in-application text. */
    public String messageCode() {
        return "notification.kind." + name();
    }
}
