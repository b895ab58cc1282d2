package fr.passerelle.routing.offer;

import java.time.Instant;

import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.OfferStatus;
import fr.passerelle.routing.ProviderKind;

/**
 * One offer in a referral's history, for the advisor's progress and the officer's routing page.
 *
 * @param providerName the provider's name for a Caf officer; null for an advisor, who sees the kind and the commune
 * @param communeName where the provider is
 * @param answeredAt when accepted or declined; {@code endedAt} when expired or cancelled
 * @param declineComment the provider's comment, for a Caf officer only
 * @param handOnHop its rank in an automatic chain, or null when an officer sent it
 */
public record ReferralOffer(long offerId, ProviderKind providerKind, String providerName, String communeCode,
        String communeName, OfferStatus status, Instant sentAt, Instant deadlineAt, Instant answeredAt,
        Instant endedAt, DeclineReason declineReason, String declineComment, Integer handOnHop) {

    /** The time left to answer at {@code now}, or how late the answer is (meaningful while pending). */
    public TimeLeft timeLeft(Instant now) {
        return TimeLeft.until(deadlineAt, now);
    }
}
