package fr.passerelle.relais;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The facilitator's opinion on an application. */
public class OpinionForm {

    @NotNull
    private Opinion opinion;

    /** Required for an unfavourable opinion (checked by the service, shown next to the field). */
    @Size(max = 2000)
    private String comment;

    private long version;

    public Opinion getOpinion() {
        return opinion;
    }

    public void setOpinion(Opinion opinion) {
        this.opinion = opinion;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }
}
