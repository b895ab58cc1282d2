package fr.passerelle.routing;

/** A provider declined an offer: the referral is back in the routing queue. Published in the decline's transaction. */
public record OfferDeclined(long offerId) {
}
