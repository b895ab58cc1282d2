package fr.passerelle.routing.offer;

/**
 * How to reach the parent: given to a provider only once it has accepted the offer.
 *
 * @param phone as read in France ({@code 06 12 34 56 78})
 */
public record ParentContact(String lastName, String firstName, String phone) {
}
