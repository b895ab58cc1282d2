package fr.passerelle.routing.offer;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.OfferStatus;
import fr.passerelle.routing.ProviderKind;

/**
 * An offer as its provider sees it: what is needed to decide, and nothing more. The parent's contact is read by the
 * query only for an accepted offer whose care is arranged or closed, so it cannot leak from a pending, declined or
 * expired one.
 *
 * @param communeCode the family's commune (INSEE code), not its address
 * @param lastDay the last day of care (the first day for a single day)
 * @param firstDayStartTime when care starts on the first day, if given (emergency and occasional care)
 * @param regularDays the days of regular care; empty otherwise
 * @param children first names and ages on the first day, in the referral's order
 * @param message the officer's words, if any
 * @param answeredAt when accepted or declined; {@code endedAt} when expired or cancelled
 * @param declineReason why it was declined (by this provider); null otherwise
 */
public record ProviderOffer(long offerId, OfferStatus status, ProviderKind providerKind, Instant sentAt,
        Instant deadlineAt, Instant answeredAt, Instant endedAt, String message, CareNeed need, Purpose purpose,
        String communeCode, String communeName, LocalDate firstDay, LocalDate lastDay, LocalTime firstDayStartTime,
        Set<DayOfWeek> regularDays, LocalTime regularStartTime, LocalTime regularEndTime, List<ChildAge> children,
        DeclineReason declineReason, String declineComment, ParentContact contact) {

    public ProviderOffer {
        regularDays = Set.copyOf(regularDays);
        children = List.copyOf(children);
    }

    /** The parent's contact: present only once the offer is accepted. */
    public Optional<ParentContact> parentContact() {
        return Optional.ofNullable(contact);
    }

    /** Time left to answer at {@code now}; zero once the deadline has passed or the offer is no longer pending. */
    public Duration timeLeft(Instant now) {
        if (status != OfferStatus.PENDING || !now.isBefore(deadlineAt)) {
            return Duration.ZERO;
        }
        return Duration.between(now, deadlineAt);
    }

    /** Pending and past its deadline (the expiry job has not run yet). */
    public boolean isOverdue(Instant now) {
        return status == OfferStatus.PENDING && !now.isBefore(deadlineAt);
    }
}
