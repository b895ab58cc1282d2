package fr.passerelle.routing.matching;

import java.text.CollationKey;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/** Applies the rules to every provider considered and ranks the ones left. No database: unit-tested alone. */
final class CandidateRanking {

    /** A French collator for each thread: collators are not thread-safe. */
    private static final ThreadLocal<Collator> FRENCH = ThreadLocal.withInitial(
            () -> Collator.getInstance(Locale.FRENCH));

    /**
     * The collation keys of the names ranked lately, shared by every ranking: the same providers' names come back
     * from one search to the next, and making a key is most of the cost of a ranking. Emptied when full (about 8 MB).
     */
    private static final Map<String, CollationKey> KEYS = new ConcurrentHashMap<>();
    private static final int KEYS_MAX = 50_000;

    /**
     * A candidate's place in the order: nearest first, then the most free places (home care: not counted, last), then
     * by name (French order), kind and id. Made once per candidate before sorting, with the name's collation key
     * made once per name: comparing with a collator, or looking the key up, at every comparison was up to 40 % of a
     * candidates page's time in a profile (an EPCI's ring: hundreds of providers).
     */
    private record SortKey(Candidate candidate, int proximity, int freePlaces, CollationKey name, int kind)
            implements Comparable<SortKey> {

        static SortKey of(Candidate candidate) {
            return new SortKey(candidate, candidate.proximity().ordinal(),
                    candidate.freePlaces() == null ? Integer.MIN_VALUE : candidate.freePlaces(),
                    collationKey(candidate.name()), candidate.provider().kind().ordinal());
        }

        @Override
        public int compareTo(SortKey other) {
            int order = Integer.compare(proximity, other.proximity);
            if (order == 0) {
                order = Integer.compare(other.freePlaces, freePlaces);
            }
            if (order == 0) {
                order = name.compareTo(other.name);
            }
            if (order == 0) {
                order = Integer.compare(kind, other.kind);
            }
            return order != 0 ? order : Long.compare(candidate.provider().id(), other.candidate.provider().id());
        }
    }

    /** The candidates in ranking order. */
    private static List<Candidate> sorted(List<Candidate> candidates) {
        List<SortKey> keys = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            keys.add(SortKey.of(candidate));
        }
        Collections.sort(keys);
        List<Candidate> sorted = new ArrayList<>(keys.size());
        for (SortKey key : keys) {
            sorted.add(key.candidate());
        }
        return sorted;
    }

    private static CollationKey collationKey(String name) {
        CollationKey key = KEYS.get(name);
        if (key == null) {
            key = FRENCH.get().getCollationKey(name);
            if (KEYS.size() >= KEYS_MAX) {
                KEYS.clear();
            }
            KEYS.put(name, key);
        }
        return key;
    }

    private final List<CandidateRule> rules;

    CandidateRanking(List<CandidateRule> rules) {
        this.rules = List.copyOf(rules);
    }

    CandidateRanking() {
        this(CandidateRules.ALL);
    }

    CandidateList rank(CareRequest request, List<ProviderFacts> providers) {
        return order(request, providers.stream().map(provider -> evaluate(provider, request)).toList());
    }

    /** The providers already {@linkplain #evaluate evaluated}, split into candidates and excluded, each in order. */
    CandidateList order(CareRequest request, List<Candidate> evaluated) {
        List<Candidate> ranked = new ArrayList<>();
        List<Candidate> excluded = new ArrayList<>();
        for (Candidate candidate : evaluated) {
            (candidate.isEligible() ? ranked : excluded).add(candidate);
        }
        return new CandidateList(request.referralId(), request.route(), sorted(ranked), sorted(excluded));
    }

    Candidate evaluate(ProviderFacts provider, CareRequest request) {
        List<Exclusion> exclusions = new ArrayList<>();
        for (CandidateRule rule : rules) {
            rule.check(provider, request).ifPresent(exclusions::add);
        }
        boolean agesAccepted = CandidateRules.AGES_ACCEPTED.check(provider, request).isEmpty();
        List<ExclusionReason> reasons = exclusions.stream()
                .map(exclusion -> ExclusionReason.explain(exclusion, provider, request)).toList();
        return new Candidate(provider.provider(), provider.organisationId(), provider.name(),
                provider.communeCode(), provider.communeName(), provider.proximity(), provider.freePlaces(),
                provider.places(), agesAccepted, provider.labelValidTo(), provider.agreementEndDate(), exclusions,
                reasons);
    }
}
