package fr.passerelle.eligibility;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The officer's decision as typed; what depends on the outcome is checked by {@link EligibilityReviewService}. */
public class DecisionForm {

    private long version;

    @NotNull
    private DecisionOutcome outcome;

    private IneligibilityReason reason;

    @Size(max = 2000)
    private String comment;

    @Size(max = 2000)
    private String justification;

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }

    public DecisionOutcome getOutcome() {
        return outcome;
    }

    public void setOutcome(DecisionOutcome outcome) {
        this.outcome = outcome;
    }

    public IneligibilityReason getReason() {
        return reason;
    }

    public void setReason(IneligibilityReason reason) {
        this.reason = reason;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public String getJustification() {
        return justification;
    }

    public void setJustification(String justification) {
        this.justification = justification;
    }
}
