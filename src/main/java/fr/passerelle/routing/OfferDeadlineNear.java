package fr.passerelle.routing;

/**
 * An offer is still unanswered and its deadline is near ({@code passerelle.routing.reminder.before-deadline}).
 * Published once per offer by the reminder job, in the transaction that marks it reminded.
 */
public record OfferDeadlineNear(long offerId) {
}
