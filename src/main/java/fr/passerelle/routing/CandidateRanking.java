package fr.passerelle.routing;

import java.text.CollationKey;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** Applies the rules to every provider considered and ranks the ones left. No database: unit-tested alone. */
final class CandidateRanking {

    private static final Collator FRENCH = Collator.getInstance(Locale.FRENCH);

    /**
     * Nearest first, then the most free places (home care: not counted, last), then by name and id. A comparator of
     * its own for each ranking: names are compared through collation keys made once per name (comparing with the
     * collator itself redid the work at every comparison, under a lock shared by every request — half of the
     * candidates page's time on national data), with a collator of its own (collators are not thread-safe).
     */
    static Comparator<Candidate> order() {
        Collator collator = (Collator) FRENCH.clone();
        Map<String, CollationKey> keys = new HashMap<>();
        return Comparator.comparing(Candidate::proximity)
                .thenComparing(candidate -> candidate.freePlaces() == null ? Integer.MIN_VALUE
                        : candidate.freePlaces(), Comparator.reverseOrder())
                .thenComparing(candidate -> keys.computeIfAbsent(candidate.name(), collator::getCollationKey))
                .thenComparing(candidate -> candidate.provider().kind())
                .thenComparingLong(candidate -> candidate.provider().id());
    }

    private final List<CandidateRule> rules;

    CandidateRanking(List<CandidateRule> rules) {
        this.rules = List.copyOf(rules);
    }

    CandidateRanking() {
        this(CandidateRules.ALL);
    }

    CandidateList rank(CareRequest request, List<ProviderFacts> providers) {
        List<Candidate> ranked = new ArrayList<>();
        List<Candidate> excluded = new ArrayList<>();
        for (ProviderFacts provider : providers) {
            Candidate candidate = evaluate(provider, request);
            (candidate.isEligible() ? ranked : excluded).add(candidate);
        }
        Comparator<Candidate> order = order();
        ranked.sort(order);
        excluded.sort(order);
        return new CandidateList(request.referralId(), request.route(), ranked, excluded);
    }

    Candidate evaluate(ProviderFacts provider, CareRequest request) {
        List<Exclusion> exclusions = new ArrayList<>();
        for (CandidateRule rule : rules) {
            rule.check(provider, request).ifPresent(exclusions::add);
        }
        boolean agesAccepted = CandidateRules.AGES_ACCEPTED.check(provider, request).isEmpty();
        return new Candidate(provider.provider(), provider.organisationId(), provider.name(),
                provider.communeCode(), provider.communeName(), provider.proximity(), provider.freePlaces(),
                provider.places(), agesAccepted, provider.labelValidTo(), provider.agreementEndDate(), exclusions);
    }
}
