package fr.passerelle.routing;

/** Where an offer stands. Only a pending offer changes, once. */
public enum OfferStatus {

    /** Sent, waiting for the provider's answer before the deadline. */
    PENDING,
    /** The provider accepted: places are held for the care period. */
    ACCEPTED,
    /** The provider declined, with a reason; never proposed this referral again. */
    DECLINED,
    /** Nobody answered before the deadline; the referral went back to routing. */
    EXPIRED,
    /** The referral was withdrawn while the offer waited. */
    CANCELLED
}
