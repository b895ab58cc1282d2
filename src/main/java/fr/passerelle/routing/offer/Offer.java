package fr.passerelle.routing.offer;

import java.time.Instant;
import java.util.Objects;

import fr.passerelle.organisation.UserAccount;
import fr.passerelle.referral.Referral;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.OfferStatus;
import fr.passerelle.routing.ProviderKind;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.refusal.OfferAlreadyAnsweredException;
import fr.passerelle.routing.refusal.OfferCancelledException;
import fr.passerelle.routing.refusal.OfferExpiredException;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;

/**
 * An offer (proposition) of a referral to one provider, answered before its deadline. Only a pending offer changes,
 * once: accepted, declined, expired or cancelled. Optimistic locking: an answer and the expiry job never both win.
 */
@Entity
class Offer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "referral_id")
    private Referral referral;

    @Enumerated(EnumType.STRING)
    private ProviderKind providerKind;

    private long providerId;

    private long providerOrganisationId;

    /** The referral's département, copied so that the Caf's queries read offers without joining referrals. */
    private String departementCode;

    private String message;

    private Instant sentAt;

    /** The officer who sent it; null for an offer handed on automatically. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "sent_by")
    private UserAccount sentBy;

    /** Its rank in an automatic chain (1 for the first offer handed on after a manual one); null when sent by hand. */
    private Integer handOnHop;

    /** The offer it was handed on from; null when sent by hand. */
    private Long previousOfferId;

    private Instant deadlineAt;

    @Enumerated(EnumType.STRING)
    private OfferStatus status;

    private Instant answeredAt;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "answered_by")
    private UserAccount answeredBy;

    @Enumerated(EnumType.STRING)
    private DeclineReason declineReason;

    private String declineComment;

    private Instant endedAt;

    @Version
    private long version;

    protected Offer() {
    }

    Offer(Referral referral, ProviderRef provider, long providerOrganisationId, String message, UserAccount officer,
            Instant sentAt, Instant deadlineAt) {
        if (!deadlineAt.isAfter(sentAt)) {
            throw new IllegalArgumentException("The deadline comes after the offer is sent");
        }
        this.referral = Objects.requireNonNull(referral);
        this.departementCode = Objects.requireNonNull(referral.getDepartementCode());
        this.providerKind = provider.kind();
        this.providerId = provider.id();
        this.providerOrganisationId = providerOrganisationId;
        this.message = message == null || message.isBlank() ? null : message.trim();
        this.sentBy = Objects.requireNonNull(officer);
        this.sentAt = sentAt;
        this.deadlineAt = deadlineAt;
        this.status = OfferStatus.PENDING;
    }

    /**
     * The offer handed on automatically after {@code previous} ended (expired or declined), to the next candidate:
     * no officer sent it, it carries its hop and the previous offer.
     */
    static Offer handedOn(Offer previous, ProviderRef provider, long providerOrganisationId, int hop, Instant sentAt,
            Instant deadlineAt) {
        if (hop < 1) {
            throw new IllegalArgumentException("A hop counts from 1");
        }
        Offer offer = new Offer();
        offer.referral = previous.referral;
        offer.departementCode = previous.departementCode;
        offer.providerKind = provider.kind();
        offer.providerId = provider.id();
        offer.providerOrganisationId = providerOrganisationId;
        offer.sentAt = sentAt;
        if (!deadlineAt.isAfter(sentAt)) {
            throw new IllegalArgumentException("The deadline comes after the offer is sent");
        }
        offer.deadlineAt = deadlineAt;
        offer.status = OfferStatus.PENDING;
        offer.handOnHop = hop;
        offer.previousOfferId = Objects.requireNonNull(previous.getId());
        return offer;
    }

    /** Whether the deadline has passed at {@code now}: the deadline itself is too late. */
    boolean isOverdue(Instant now) {
        return !now.isBefore(deadlineAt);
    }

    void accept(UserAccount provider, Instant now) {
        requireAnswerable(now);
        this.status = OfferStatus.ACCEPTED;
        this.answeredAt = now;
        this.answeredBy = Objects.requireNonNull(provider);
    }

    void decline(UserAccount provider, DeclineReason reason, String comment, Instant now) {
        if (reason == null) {
            throw new IllegalArgumentException("A reason is required");
        }
        String cleanComment = comment == null || comment.isBlank() ? null : comment.trim();
        if (reason == DeclineReason.OTHER && cleanComment == null) {
            throw new IllegalArgumentException("A decline for another reason needs a comment");
        }
        requireAnswerable(now);
        this.status = OfferStatus.DECLINED;
        this.answeredAt = now;
        this.answeredBy = Objects.requireNonNull(provider);
        this.declineReason = reason;
        this.declineComment = cleanComment;
    }

    /** The deadline passed without an answer. */
    void expire(Instant now) {
        requirePending();
        if (!isOverdue(now)) {
            throw new IllegalStateException("An offer expires at its deadline, not before");
        }
        this.status = OfferStatus.EXPIRED;
        this.endedAt = now;
    }

    /** The referral was withdrawn while the offer waited. */
    void cancel(Instant now) {
        requirePending();
        this.status = OfferStatus.CANCELLED;
        this.endedAt = now;
    }

    private void requireAnswerable(Instant now) {
        requirePending();
        if (isOverdue(now)) {
            throw new OfferExpiredException(id);
        }
    }

    private void requirePending() {
        if (status == OfferStatus.EXPIRED) {
            throw new OfferExpiredException(id);
        }
        if (status == OfferStatus.CANCELLED) {
            throw new OfferCancelledException(id);
        }
        if (status != OfferStatus.PENDING) {
            throw new OfferAlreadyAnsweredException(id, status);
        }
    }

    ProviderRef provider() {
        return new ProviderRef(providerKind, providerId);
    }

    Long getId() {
        return id;
    }

    Referral getReferral() {
        return referral;
    }

    long getProviderOrganisationId() {
        return providerOrganisationId;
    }

    OfferStatus getStatus() {
        return status;
    }

    Instant getSentAt() {
        return sentAt;
    }

    Instant getDeadlineAt() {
        return deadlineAt;
    }

    Instant getAnsweredAt() {
        return answeredAt;
    }

    DeclineReason getDeclineReason() {
        return declineReason;
    }

    String getDeclineComment() {
        return declineComment;
    }

    String getMessage() {
        return message;
    }

    /** Its rank in an automatic chain, or null when an officer sent it. */
    Integer getHandOnHop() {
        return handOnHop;
    }

    Long getPreviousOfferId() {
        return previousOfferId;
    }

    long getVersion() {
        return version;
    }
}
