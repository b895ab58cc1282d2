package fr.passerelle.routing;

import java.time.Instant;

/**
 * An offer just sent: what the officer's page confirms.
 *
 * @param deadlineAt when the provider's answer is due; the offer expires then
 */
public record SentOffer(long offerId, long referralId, ProviderRef provider, String providerName,
        Instant deadlineAt) {
}
