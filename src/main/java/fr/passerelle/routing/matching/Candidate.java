package fr.passerelle.routing.matching;

import java.time.LocalDate;
import java.util.List;

import fr.passerelle.routing.ProviderRef;

/**
 * One provider considered for a referral, with the reasons of its rank or of its exclusion.
 *
 * @param provider the key to send the offer with ({@link ProviderRef#key()})
 * @param name the service's or crèche's name, or the childminder's first and last name
 * @param communeCode where the provider is (a home-care service: its base)
 * @param proximity to the family's commune; the first ranking criterion
 * @param freePlaces places free over the period after accepted offers; null for a home-care service (not counted)
 * @param places the provider's AVIP (childminder) or emergency (crèche) places; null for a home-care service
 * @param childrenAccepted every child's age is accepted (always true for a candidate)
 * @param labelValidTo a childminder's label's last day; null for others or without a label
 * @param agreementEndDate a childminder's agreement's last day; null for others
 * @param exclusions why it cannot be offered the referral, in the rules' order; empty for a candidate
 * @param reasons the same, each in plain words with its facts and what would unblock it (shown on the routing page)
 */
public record Candidate(ProviderRef provider, long organisationId, String name, String communeCode,
        String communeName, Proximity proximity, Integer freePlaces, Integer places, boolean childrenAccepted,
        LocalDate labelValidTo, LocalDate agreementEndDate, List<Exclusion> exclusions,
        List<ExclusionReason> reasons) {

    public Candidate {
        exclusions = List.copyOf(exclusions);
        reasons = List.copyOf(reasons);
    }

    /** Whether an offer can be sent to it. */
    public boolean isEligible() {
        return exclusions.isEmpty();
    }
}
