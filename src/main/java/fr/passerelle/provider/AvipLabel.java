package fr.passerelle.provider;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Version;

/**
 * The AVIP label (à vocation d'insertion professionnelle) delivered by the Caf to a childminder for a period.
 * Each change is an intention method that checks its precondition and appends an event.
 */
@Entity
public class AvipLabel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "childminder_id")
    private Childminder childminder;

    private LocalDate validFrom;

    private LocalDate validTo;

    private Instant suspendedSince;

    private String suspensionReason;

    private Instant revokedAt;

    private String revocationReason;

    @Version
    private long version;

    @OneToMany(mappedBy = "label", cascade = CascadeType.PERSIST)
    @OrderBy("occurredAt")
    private List<AvipLabelEvent> events = new ArrayList<>();

    protected AvipLabel() {
    }

    private AvipLabel(Childminder childminder, LocalDate validFrom, LocalDate validTo) {
        if (validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException("A label ends on or after the day it starts");
        }
        this.childminder = Objects.requireNonNull(childminder);
        this.validFrom = validFrom;
        this.validTo = validTo;
    }

    public static AvipLabel grant(Childminder childminder, LocalDate validFrom, LocalDate validTo, Instant at,
            Long actorId) {
        AvipLabel label = new AvipLabel(childminder, validFrom, validTo);
        label.record(AvipLabelEventKind.GRANTED, at, actorId, null);
        return label;
    }

    public AvipLabelStatus statusOn(LocalDate day) {
        if (revokedAt != null) {
            return AvipLabelStatus.REVOKED;
        }
        if (suspendedSince != null) {
            return AvipLabelStatus.SUSPENDED;
        }
        if (day.isBefore(validFrom)) {
            return AvipLabelStatus.NOT_YET_VALID;
        }
        if (day.isAfter(validTo)) {
            return AvipLabelStatus.EXPIRED;
        }
        return AvipLabelStatus.ACTIVE;
    }

    public void suspend(String reason, Instant at, Long actorId) {
        requireNotRevoked();
        if (suspendedSince != null) {
            throw new IllegalStateException("The label is already suspended");
        }
        this.suspendedSince = at;
        this.suspensionReason = requireReason(reason);
        record(AvipLabelEventKind.SUSPENDED, at, actorId, reason);
    }

    public void reinstate(Instant at, Long actorId) {
        requireNotRevoked();
        if (suspendedSince == null) {
            throw new IllegalStateException("Only a suspended label can be reinstated");
        }
        this.suspendedSince = null;
        this.suspensionReason = null;
        record(AvipLabelEventKind.REINSTATED, at, actorId, null);
    }

    public void revoke(String reason, Instant at, Long actorId) {
        requireNotRevoked();
        this.revokedAt = at;
        this.revocationReason = requireReason(reason);
        record(AvipLabelEventKind.REVOKED, at, actorId, reason);
    }

    private void requireNotRevoked() {
        if (revokedAt != null) {
            throw new IllegalStateException("A revoked label is final");
        }
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A reason is required");
        }
        return reason.trim();
    }

    private void record(AvipLabelEventKind kind, Instant at, Long actorId, String reason) {
        events.add(new AvipLabelEvent(this, kind, at, actorId, reason));
    }

    public Long getId() {
        return id;
    }

    public Childminder getChildminder() {
        return childminder;
    }

    public LocalDate getValidFrom() {
        return validFrom;
    }

    public LocalDate getValidTo() {
        return validTo;
    }

    public String getSuspensionReason() {
        return suspensionReason;
    }

    public String getRevocationReason() {
        return revocationReason;
    }

    public List<AvipLabelEvent> getEvents() {
        return List.copyOf(events);
    }
}
