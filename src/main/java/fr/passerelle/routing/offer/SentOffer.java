package fr.passerelle.routing.offer;

import java.time.Instant;

import fr.passerelle.routing.ProviderRef;

/**
 * An offer just sent: what the officer's page confirms.
 *
 * @param deadlineAt when the provider's answer is due; the offer expires then
 */
public record SentOffer(long offerId, long referralId, ProviderRef provider, String providerName,
        Instant deadlineAt) {
}
