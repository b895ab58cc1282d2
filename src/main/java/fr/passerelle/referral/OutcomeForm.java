package fr.passerelle.referral;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What the advisor records once the care has started: the outcome and a comment, which "other" needs (checked by
 * {@link AdvisorReferralController}, next to the comment field).
 */
public class OutcomeForm {

    @NotNull
    private Outcome outcome;

    @Size(max = 2000)
    private String comment;

    public Outcome getOutcome() {
        return outcome;
    }

    public void setOutcome(Outcome outcome) {
        this.outcome = outcome;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    /** "Other" says what happened in the comment. */
    boolean isCommentMissing() {
        return outcome == Outcome.OTHER && (comment == null || comment.isBlank());
    }
}
