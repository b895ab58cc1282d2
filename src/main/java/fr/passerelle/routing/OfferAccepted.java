package fr.passerelle.routing;

/** A provider accepted an offer: the care is arranged. Published in the acceptance's transaction. */
public record OfferAccepted(long offerId) {
}
