package fr.passerelle.routing.matching;

import java.util.List;
import java.util.Optional;

import fr.passerelle.routing.ProviderRef;

/**
 * The providers considered for one referral.
 *
 * @param route where the need sends the referral
 * @param ranked the candidates, best first: nearest (commune, EPCI, département), then most free places, then name
 * @param excluded the providers considered but refused, each with its reasons, nearest first: all of them, or only the
 *     nearest ones when the farthest providers refused were only counted
 * @param excludedCount how many providers considered were refused: {@code excluded} lists them all, or the nearest
 *     of them when it is shorter
 * @param complete every provider of the area was considered; otherwise only the nearest ones, enough to show the
 *     first candidates, and there may be more further away
 */
public record CandidateList(long referralId, Route route, List<Candidate> ranked, List<Candidate> excluded,
        int excludedCount, boolean complete) {

    public CandidateList {
        ranked = List.copyOf(ranked);
        excluded = List.copyOf(excluded);
        if (excludedCount < excluded.size()) {
            throw new IllegalArgumentException("fewer providers refused than listed");
        }
    }

    public CandidateList(long referralId, Route route, List<Candidate> ranked, List<Candidate> excluded) {
        this(referralId, route, ranked, excluded, excluded.size(), true);
    }

    /** The same lists, said to hold only the nearest providers of the area. */
    CandidateList partial() {
        return new CandidateList(referralId, route, ranked, excluded, excludedCount, false);
    }

    /**
     * The same lists, with {@code uncounted} more providers refused further away than those listed (counted, not
     * read).
     */
    CandidateList withFartherExcluded(int uncounted) {
        return new CandidateList(referralId, route, ranked, excluded, excludedCount + uncounted, complete);
    }

    /** The candidate with that key, if it may be offered the referral. */
    public Optional<Candidate> candidate(ProviderRef provider) {
        return ranked.stream().filter(candidate -> candidate.provider().equals(provider)).findFirst();
    }

    /** The excluded provider with that key, if it was considered and refused. */
    public Optional<Candidate> exclusionOf(ProviderRef provider) {
        return excluded.stream().filter(candidate -> candidate.provider().equals(provider)).findFirst();
    }
}
