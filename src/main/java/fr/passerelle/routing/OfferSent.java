package fr.passerelle.routing;

/**
 * An officer sent an offer to a provider. Published in the transaction that records it, so that what listens
 * (notifications) records its own rows in that transaction too: all or nothing.
 */
public record OfferSent(long offerId) {
}
