package fr.passerelle.provider.label;

import java.time.Instant;

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

/** One line of a label's history: what happened, when, who did it and why. */
@Entity
@Immutable
public class AvipLabelEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "label_id")
    private AvipLabel label;

    @Enumerated(EnumType.STRING)
    private AvipLabelEventKind kind;

    private Instant occurredAt;

    private Long actorId;

    private String reason;

    protected AvipLabelEvent() {
    }

    AvipLabelEvent(AvipLabel label, AvipLabelEventKind kind, Instant occurredAt, Long actorId, String reason) {
        this.label = label;
        this.kind = kind;
        this.occurredAt = occurredAt;
        this.actorId = actorId;
        this.reason = reason;
    }

    public AvipLabelEventKind getKind() {
        return kind;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public Long getActorId() {
        return actorId;
    }

    public String getReason() {
        return reason;
    }
}
