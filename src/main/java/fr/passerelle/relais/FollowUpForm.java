package fr.passerelle.relais;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/** A support action as the facilitator enters it. */
public class FollowUpForm {

    @NotNull
    private FollowUpKind kind;

    /** Not in the future, nor more than a year back: checked against the application's clock by the controller. */
    @NotNull
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate happenedOn;

    @NotBlank
    @Size(max = 2000)
    private String note;

    /** Drawn when the form is shown: the same form posted twice records one action. */
    @NotNull
    private UUID requestToken = UUID.randomUUID();

    public FollowUpKind getKind() {
        return kind;
    }

    public void setKind(FollowUpKind kind) {
        this.kind = kind;
    }

    public LocalDate getHappenedOn() {
        return happenedOn;
    }

    public void setHappenedOn(LocalDate happenedOn) {
        this.happenedOn = happenedOn;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public UUID getRequestToken() {
        return requestToken;
    }

    public void setRequestToken(UUID requestToken) {
        this.requestToken = requestToken;
    }
}
