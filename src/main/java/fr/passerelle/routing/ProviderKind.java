package fr.passerelle.routing;

/** The three kinds of provider an offer can go to; each has its own registry table and answer delay. */
public enum ProviderKind {

    /** A home-care service (service d'aide à domicile): emergency one-off care at home. */
    HOME_CARE,
    /** An AVIP-labelled childminder: occasional or regular care, within her AVIP places. */
    CHILDMINDER,
    /** An AVIP crèche: occasional or regular care, within its reserved emergency places. */
    CRECHE;

    /** Whether accepting an offer holds places counted against the provider's capacity. */
    public boolean holdsPlaces() {
        return this != HOME_CARE;
    }
}
