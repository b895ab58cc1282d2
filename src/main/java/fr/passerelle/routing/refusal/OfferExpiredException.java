package fr.passerelle.routing.refusal;

/** An answer came at or after the offer's deadline. Message {@code routing.error.expired}. */
public class OfferExpiredException extends RoutingException {

    public OfferExpiredException(Long offerId) {
        super("Offer " + offerId + " has expired", "routing.error.expired");
    }
}
