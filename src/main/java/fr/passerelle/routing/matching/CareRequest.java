package fr.passerelle.routing.matching;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import fr.passerelle.referral.CareNeed;
import fr.passerelle.routing.ProviderRef;

/**
 * What the family needs, as the candidate rules read it.
 *
 * @param lastDay the last day of care (the first day for a single day)
 * @param childBirthDates one per child, in the referral's order
 * @param declinedBy providers who declined this referral before
 */
record CareRequest(long referralId, String communeCode, String departementCode, CareNeed need, LocalDate firstDay,
        LocalDate lastDay, List<LocalDate> childBirthDates, Set<ProviderRef> declinedBy) {

    CareRequest {
        childBirthDates = List.copyOf(childBirthDates);
        declinedBy = Set.copyOf(declinedBy);
    }

    Route route() {
        return Route.of(need);
    }

    int children() {
        return childBirthDates.size();
    }
}
