package fr.passerelle.routing;

/** A pending offer was cancelled because the family withdrew. Published in the withdrawal's transaction. */
public record OfferCancelled(long offerId) {
}
