package fr.passerelle.routing;

/**
 * A provider was shown the parent's contact and the children of an offer it accepted (its offer page). Published so
 * that the access is logged (privacy package).
 */
public record ParentContactViewed(long offerId, long viewerId) {
}
