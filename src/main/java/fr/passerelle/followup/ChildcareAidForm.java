package fr.passerelle.followup;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Whether France Travail's childcare aid was requested: the day, or the reason why not (checked by the controller). */
public class ChildcareAidForm implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** The record's version read; empty for a first record. */
    private Long version;
    @NotNull
    private Boolean requested;
    private LocalDate requestedOn;
    private NotRequestedReason reason;
    @Size(max = 2000)
    private String comment;

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
    public Boolean getRequested() { return requested; }
    public void setRequested(Boolean requested) { this.requested = requested; }
    public LocalDate getRequestedOn() { return requestedOn; }
    public void setRequestedOn(LocalDate requestedOn) { this.requestedOn = requestedOn; }
    public NotRequestedReason getReason() { return reason; }
    public void setReason(NotRequestedReason reason) { this.reason = reason; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
}
