package fr.passerelle.routing.offer;

import fr.passerelle.routing.DeclineReason;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A provider's decline as typed. That {@link DeclineReason#OTHER} needs a comment is checked by
 * {@code ProviderOfferController}, next to the comment field.
 */
public class DeclineForm {

    @NotNull
    private DeclineReason reason;

    @Size(max = 2000)
    private String comment;

    public DeclineReason getReason() {
        return reason;
    }

    public void setReason(DeclineReason reason) {
        this.reason = reason;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    /** The comment without surrounding blanks; null when nothing was typed. */
    public String trimmedComment() {
        return comment == null || comment.isBlank() ? null : comment.strip();
    }
}
