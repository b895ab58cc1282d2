package fr.passerelle.routing.matching;

import java.util.Optional;

/** One condition a provider must meet to be offered a referral: allowed, or rejected with the reason why. */
interface CandidateRule {

    /** The exclusion when the provider fails the condition; empty when it holds. */
    Optional<Exclusion> check(ProviderFacts provider, CareRequest request);
}
