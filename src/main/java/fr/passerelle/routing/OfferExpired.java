package fr.passerelle.routing;

/**
 * An offer's deadline passed unanswered: the referral is back in the routing queue. Published by the expiry job in
 * its transaction.
 */
public record OfferExpired(long offerId) {
}
