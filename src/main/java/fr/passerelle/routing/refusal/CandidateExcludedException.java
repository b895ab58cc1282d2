package fr.passerelle.routing.refusal;

import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.matching.Exclusion;

import java.util.List;

/**
 * The officer chose a provider that may not be offered the referral (any more): label suspended since the page was
 * shown, full, declined before… Message {@code routing.error.candidateExcluded}.
 */
public class CandidateExcludedException extends RoutingException {

    private final ProviderRef provider;
    private final List<Exclusion> exclusions;

    public CandidateExcludedException(ProviderRef provider, List<Exclusion> exclusions) {
        super("Provider " + provider.key() + " cannot be offered this referral: " + exclusions,
                "routing.error.candidateExcluded");
        this.provider = provider;
        this.exclusions = List.copyOf(exclusions);
    }

    public ProviderRef getProvider() {
        return provider;
    }

    /** Why; empty when the provider was not even considered (unknown, or of another route). */
    public List<Exclusion> getExclusions() {
        return exclusions;
    }
}
