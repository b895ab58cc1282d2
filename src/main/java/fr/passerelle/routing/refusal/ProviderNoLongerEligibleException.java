package fr.passerelle.routing.refusal;

import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.matching.Exclusion;

import java.util.List;

/**
 * The provider may no longer take the referral it was offered: its AVIP label was suspended or revoked, or is no
 * longer valid for the period, its agreement lapsed, it or its organisation was deactivated… since the offer was
 * sent. Message {@code routing.error.noLongerEligible}.
 */
public class ProviderNoLongerEligibleException extends RoutingException {

    private final ProviderRef provider;
    private final List<Exclusion> exclusions;

    public ProviderNoLongerEligibleException(ProviderRef provider, List<Exclusion> exclusions) {
        super("Provider " + provider.key() + " may no longer accept this referral: " + exclusions,
                "routing.error.noLongerEligible");
        this.provider = provider;
        this.exclusions = List.copyOf(exclusions);
    }

    public ProviderRef getProvider() {
        return provider;
    }

    /** Why, as the candidate rules say it. */
    public List<Exclusion> getExclusions() {
        return exclusions;
    }
}
