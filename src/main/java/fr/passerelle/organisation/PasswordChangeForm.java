package fr.passerelle.organisation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a user types to choose a new password. */
class PasswordChangeForm {

    static final int MIN_LENGTH = 12;

    /** What bcrypt reads of a password, in UTF-8 bytes. */
    static final int MAX_BYTES = 72;

    @NotBlank
    private String currentPassword;

    @NotBlank
    @Size(min = MIN_LENGTH, max = MAX_BYTES)
    private String newPassword;

    @NotBlank
    private String confirmation;

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
