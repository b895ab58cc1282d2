package fr.passerelle.routing.refusal;

import fr.passerelle.routing.OfferStatus;

/**
 * The offer is no longer pending: accepted or declined (a cancelled one is {@link OfferCancelledException}).
 * Message {@code routing.error.notPending}.
 */
public class OfferAlreadyAnsweredException extends RoutingException {

    private final OfferStatus status;

    public OfferAlreadyAnsweredException(Long offerId, OfferStatus status) {
        super("Offer " + offerId + " is " + status, "routing.error.notPending");
        this.status = status;
    }

    public OfferStatus getStatus() {
        return status;
    }
}
