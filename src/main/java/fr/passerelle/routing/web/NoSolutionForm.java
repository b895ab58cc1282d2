package fr.passerelle.routing.web;

import fr.passerelle.referral.NoSolutionReason;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The officer records that no provider can take the family. A comment is required for {@code OTHER}. */
public class NoSolutionForm {

    public static final int COMMENT_MAX = 2000;

    @NotNull
    private NoSolutionReason reason;

    @Size(max = COMMENT_MAX)
    private String comment;

    /** Whether the comment the reason needs is there. */
    boolean commentMissing() {
        return reason == NoSolutionReason.OTHER && (comment == null || comment.isBlank());
    }

    public NoSolutionReason getReason() {
        return reason;
    }

    public void setReason(NoSolutionReason reason) {
        this.reason = reason;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
