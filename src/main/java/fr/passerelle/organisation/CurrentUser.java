package fr.passerelle.organisation;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user as kept in the session: what pages and queries need to scope data to the user's organisation,
 * and nothing more personal than the name shown in the header.
 */
public final class CurrentUser implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long userId;
    private final String username;
    private String passwordHash;
    private final String displayName;
    private final Role role;
    private final long organisationId;
    private final String organisationName;
    private final OrganisationKind organisationKind;
    private final String departementCode;
    private final boolean enabled;
    private final boolean passwordChangeRequired;
    private final long sessionStamp;

    /**
     * The account as it would be signed in, for acting on its behalf without a session: an answer link of an offer
     * email, which only its recipient was given. The account must be read with its organisation.
     */
    public static CurrentUser of(UserAccount account) {
        return new CurrentUser(account);
    }

    CurrentUser(UserAccount account) {
        Organisation organisation = account.getOrganisation();
        this.userId = account.getId();
        this.username = account.getUsername();
        this.passwordHash = account.getPasswordHash();
        this.displayName = account.getDisplayName();
        this.role = account.getRole();
        this.organisationId = organisation.getId();
        this.organisationName = organisation.getName();
        this.organisationKind = organisation.getKind();
        this.departementCode = organisation.getDepartementCode();
        this.enabled = account.isEnabled() && organisation.isActive();
        this.passwordChangeRequired = account.isPasswordChangeRequired();
        this.sessionStamp = account.getSessionStamp();
    }

    private CurrentUser(CurrentUser user, boolean passwordChangeRequired) {
        this.userId = user.userId;
        this.username = user.username;
        this.passwordHash = null;
        this.displayName = user.displayName;
        this.role = user.role;
        this.organisationId = user.organisationId;
        this.organisationName = user.organisationName;
        this.organisationKind = user.organisationKind;
        this.departementCode = user.departementCode;
        this.enabled = user.enabled;
        this.passwordChangeRequired = passwordChangeRequired;
        this.sessionStamp = user.sessionStamp;
    }

    /** The same user once they have chosen their own password. */
    CurrentUser withPasswordChanged() {
        return new CurrentUser(this, false);
    }

    /** Whether the user signed in with a temporary password and must choose one before anything else. */
    public boolean isPasswordChangeRequired() {
        return passwordChangeRequired;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    /** The account's session stamp when this user signed in: a different one now means the session must end. */
    long getSessionStamp() {
        return sessionStamp;
    }

    public long getUserId() {
        return userId;
    }

    public String getDisplayName() {
        return displayName;
    }

    public Role getRole() {
        return role;
    }

    public long getOrganisationId() {
        return organisationId;
    }

    public String getOrganisationName() {
        return organisationName;
    }

    public OrganisationKind getOrganisationKind() {
        return organisationKind;
    }

    public String getDepartementCode() {
        return departementCode;
    }
}
