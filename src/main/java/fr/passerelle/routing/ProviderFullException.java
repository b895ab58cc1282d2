package fr.passerelle.routing;

/** Accepting would hold more places than the provider has over the period. Message {@code routing.error.full}. */
public class ProviderFullException extends RoutingException {

    ProviderFullException(ProviderRef provider) {
        super("No free place left at " + provider.key() + " for the period", "routing.error.full");
    }
}
