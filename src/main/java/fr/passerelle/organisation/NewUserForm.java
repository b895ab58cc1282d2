package fr.passerelle.organisation;

import fr.passerelle.system.ValidEmail;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an administrator types to create an account; the temporary password is generated when left blank. */
public class NewUserForm {

    @NotBlank
    @Pattern(regexp = "[a-zA-Z0-9._@-]{3,100}")
    private String username;

    @NotBlank
    @Size(max = 200)
    private String displayName;

    /** Where the person's notifications go: required for every new account. */
    @NotBlank
    @ValidEmail
    private String email;

    @NotNull
    private Role role;

    /** Required: the controller fills it from {@link #organisationLabel} (see {@link OrganisationPicker}). */
    private Long organisationId;

    /** What the administrator typed or picked among the suggestions. */
    private String organisationLabel;

    @Size(min = PasswordChangeForm.MIN_LENGTH, max = PasswordChangeForm.MAX_BYTES)
    private String temporaryPassword;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public Long getOrganisationId() {
        return organisationId;
    }

    public void setOrganisationId(Long organisationId) {
        this.organisationId = organisationId;
    }

    public String getOrganisationLabel() {
        return organisationLabel;
    }

    public void setOrganisationLabel(String organisationLabel) {
        this.organisationLabel = organisationLabel;
    }

    public String getTemporaryPassword() {
        return temporaryPassword;
    }

    public void setTemporaryPassword(String temporaryPassword) {
        this.temporaryPassword = temporaryPassword;
    }
}
