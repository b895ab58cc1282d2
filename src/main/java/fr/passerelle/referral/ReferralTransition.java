package fr.passerelle.referral;

import java.time.Instant;

import fr.passerelle.organisation.UserAccount;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import org.hibernate.annotations.Immutable;

/** One line of a referral's timeline: who moved it from which status to which, when, and why. Append-only. */
@Entity
@Immutable
public class ReferralTransition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "referral_id")
    private Referral referral;

    @Enumerated(EnumType.STRING)
    private ReferralStatus fromStatus;

    @Enumerated(EnumType.STRING)
    private ReferralStatus toStatus;

    /** Null when nobody acted: the expiry of an offer at its deadline. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "actor_id")
    private UserAccount actor;

    private Instant occurredAt;

    private String comment;

    protected ReferralTransition() {
    }

    ReferralTransition(Referral referral, ReferralStatus fromStatus, ReferralStatus toStatus, UserAccount actor,
            Instant occurredAt, String comment) {
        this.referral = referral;
        this.fromStatus = fromStatus;
        this.toStatus = toStatus;
        this.actor = actor;
        this.occurredAt = occurredAt;
        this.comment = comment;
    }

    public Long getId() {
        return id;
    }

    /** {@code null} for the creation of the draft. */
    public ReferralStatus getFromStatus() {
        return fromStatus;
    }

    public ReferralStatus getToStatus() {
        return toStatus;
    }

    /** Who made the move; {@code null} for a move the system made (an offer expired). */
    public UserAccount getActor() {
        return actor;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getComment() {
        return comment;
    }
}
