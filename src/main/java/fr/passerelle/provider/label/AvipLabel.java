package fr.passerelle.provider.label;

import fr.passerelle.provider.Childminder;

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
        return status(validFrom, validTo, suspendedSince != null, revokedAt != null, day);
    }

    /**
     * The one rule for a label's status, shared by the entity and the list queries that read labels as rows:
     * revoked, then suspended, win over the dates; a label is in force from its first to its last day included.
     */
    public static AvipLabelStatus status(LocalDate validFrom, LocalDate validTo, boolean suspended, boolean revoked,
            LocalDate day) {
        if (revoked) {
            return AvipLabelStatus.REVOKED;
        }
        if (suspended) {
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

    /** Whether the childminder may be offered children on every day from {@code firstDay} to {@code lastDay}. */
    public boolean isActiveThroughout(LocalDate firstDay, LocalDate lastDay) {
        return statusOn(firstDay) == AvipLabelStatus.ACTIVE && !lastDay.isAfter(validTo);
    }

    /**
     * Extends the label to a later end date. Only a label in force or not yet in force can be renewed: an expired
     * one gets a new grant (its gap stays visible), a suspended one is reinstated first, a revoked one is final.
     */
    public void renew(LocalDate newValidTo, LocalDate today, Instant at, Long actorId) {
        AvipLabelStatus status = statusOn(today);
        if (status != AvipLabelStatus.ACTIVE && status != AvipLabelStatus.NOT_YET_VALID) {
            throw new IllegalStateException("Only a label in force or not yet in force can be renewed, not " + status);
        }
        if (!newValidTo.isAfter(validTo)) {
            throw new IllegalArgumentException("A renewal ends after the current end date");
        }
        this.validTo = newValidTo;
        record(AvipLabelEventKind.RENEWED, at, actorId, null);
    }

    /**
     * Suspends a label in force or not yet in force.
     *
     * @throws ExpiredLabelException when its last day is before {@code today}
     */
    public void suspend(String reason, LocalDate today, Instant at, Long actorId) {
        requireNotRevoked();
        if (suspendedSince != null) {
            throw new IllegalStateException("The label is already suspended");
        }
        if (statusOn(today) == AvipLabelStatus.EXPIRED) {
            throw new ExpiredLabelException();
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

    public long getVersion() {
        return version;
    }

    public Instant getSuspendedSince() {
        return suspendedSince;
    }

    public Instant getRevokedAt() {
        return revokedAt;
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
