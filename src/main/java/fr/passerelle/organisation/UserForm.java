package fr.passerelle.organisation;

import fr.passerelle.system.ValidEmail;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An existing account's name, email, role and organisation, as an administrator edits them. */
public class UserForm {

    @NotBlank
    @Size(max = 200)
    private String displayName;

    /**
     * Required, except for an account made before addresses were asked that still has none: it can be edited
     * without one until an address is given ({@link UserAdministration#update}).
     */
    @ValidEmail
    private String email;

    @NotNull
    private Role role;

    /** Required: the controller fills it from {@link #organisationLabel} (see {@link OrganisationPicker}). */
    private Long organisationId;

    /** What the administrator typed or picked among the suggestions. */
    private String organisationLabel;

    private Long version;

    static UserForm of(UserAccount user, OrganisationPicker picker) {
        UserForm form = new UserForm();
        form.displayName = user.getDisplayName();
        form.email = user.getEmail();
        form.role = user.getRole();
        form.organisationId = user.getOrganisation().getId();
        form.organisationLabel = picker.label(user.getOrganisation());
        form.version = user.getVersion();
        return form;
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

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
