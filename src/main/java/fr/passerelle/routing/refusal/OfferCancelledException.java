package fr.passerelle.routing.refusal;

/**
 * The family withdrew its referral while the offer waited: the offer is cancelled, there is nothing to answer.
 * Message {@code routing.error.cancelled}.
 */
public class OfferCancelledException extends RoutingException {

    public OfferCancelledException(Long offerId) {
        super("Offer " + offerId + " was cancelled: the referral was withdrawn", "routing.error.cancelled");
    }
}
