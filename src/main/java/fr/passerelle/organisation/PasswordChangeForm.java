package fr.passerelle.organisation;

import java.nio.charset.StandardCharsets;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a user types to choose a new password. */
class PasswordChangeForm {

    static final int MIN_LENGTH = 12;

    /** What bcrypt reads of a password, in UTF-8 bytes. */
    static final int MAX_BYTES = 72;

    /** The message code of a password longer than bcrypt reads. */
    static final String TOO_LONG = "account.password.too-long";

    @NotBlank
    private String currentPassword;

    @NotBlank
    @Size(min = MIN_LENGTH, max = MAX_BYTES)
    private String newPassword;

    @NotBlank
    private String confirmation;

    /**
     * Whether bcrypt would ignore part of the password: it reads only the first 72 bytes, and an accented letter
     * takes two in UTF-8, so a password of 72 characters or fewer can still be too long.
     */
    static boolean tooLongForBcrypt(String password) {
        return password != null && password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

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
