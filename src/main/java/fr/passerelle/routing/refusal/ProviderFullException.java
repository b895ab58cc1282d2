package fr.passerelle.routing.refusal;

import fr.passerelle.routing.ProviderRef;

/** Accepting would hold more places than the provider has over the period. Message {@code routing.error.full}. */
public class ProviderFullException extends RoutingException {

    public ProviderFullException(ProviderRef provider) {
        super("No free place left at " + provider.key() + " for the period", "routing.error.full");
    }
}
