package fr.passerelle.followup;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The advisor's answer to a follow-up; "ended early" needs a reason (checked by the controller). Serializable: it
 * goes back to the page with its errors in the flash map, kept in the session (in PostgreSQL).
 */
public class FollowUpForm implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    @NotNull
    private Long followUpId;
    @NotNull
    private Long version;
    @NotNull
    private FollowUpAnswer answer;
    private EndReason endReason;
    @Size(max = 2000)
    private String comment;

    public Long getFollowUpId() { return followUpId; }
    public void setFollowUpId(Long followUpId) { this.followUpId = followUpId; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
    public FollowUpAnswer getAnswer() { return answer; }
    public void setAnswer(FollowUpAnswer answer) { this.answer = answer; }
    public EndReason getEndReason() { return endReason; }
    public void setEndReason(EndReason endReason) { this.endReason = endReason; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
}
