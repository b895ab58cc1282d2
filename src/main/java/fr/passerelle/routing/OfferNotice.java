package fr.passerelle.routing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;
import fr.passerelle.routing.offer.OfferViews;

/**
 * What people are told of an offer: the request without the family's identity (commune, dates, children's ages), the
 * provider, the deadline, and who follows the referral. Read by {@link OfferViews#notice(long)} for the
 * notifications; the parent's name and contact are never in it.
 *
 * @param childrenAges each child's age on the first day, in months, in the referral's order
 * @param advisorId the advisor who filed the referral
 */
public record OfferNotice(long offerId, long referralId, OfferStatus status, ProviderKind providerKind,
        long providerOrganisationId, String providerName, String providerCommuneName, Instant sentAt,
        Instant deadlineAt, CareNeed need, Purpose purpose, String communeCode, String communeName,
        LocalDate firstDay, LocalDate lastDay, LocalTime firstDayStartTime, List<Integer> childrenAges,
        String message, DeclineReason declineReason, String departementCode, long advisorId) {

    public OfferNotice {
        childrenAges = List.copyOf(childrenAges);
    }

    /** The family's commune as people read it: "Évry-Courcouronnes (91228)". */
    public String communeLabel() {
        return communeName == null ? communeCode : communeName + " (" + communeCode + ")";
    }
}
