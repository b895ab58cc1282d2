package fr.passerelle.organisation;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;

/** A person who signs in: one role, one organisation. Never deleted, only disabled. */
@Entity
public class UserAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String username;

    private String passwordHash;

    private String displayName;

    @Enumerated(EnumType.STRING)
    private Role role;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organisation_id")
    private Organisation organisation;

    private boolean enabled = true;

    private boolean passwordChangeRequired;

    /** Where notifications are sent; {@code null} for accounts made before addresses were asked. */
    private String email;

    /** The language of the person's emails: {@code fr} or {@code en}. */
    private String locale = "fr";

    /** Whether the person receives the daily digest (Caf officers); it can be switched off. */
    private boolean digestEnabled = true;

    /** Whether the person receives reminders (deadline near, outcome to record); they can be switched off. */
    private boolean remindersEnabled = true;

    /** Raised to end every session opened before: see {@code V7__administration.sql}. */
    private long sessionStamp;

    @Version
    private long version;

    @Column(insertable = false, updatable = false)
    private Instant createdAt;

    protected UserAccount() {
    }

    /**
     * @param passwordHash an encoded password, as produced by the application's {@code PasswordEncoder}
     * @throws IllegalArgumentException when the organisation's kind does not allow the role
     */
    public UserAccount(String username, String passwordHash, String displayName, Role role,
            Organisation organisation) {
        if (!organisation.getKind().allows(role)) {
            throw new IllegalArgumentException(
                    "Role " + role + " is not allowed in an organisation of kind " + organisation.getKind());
        }
        this.username = normaliseUsername(username);
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.displayName = Objects.requireNonNull(displayName).trim();
        this.role = role;
        this.organisation = organisation;
    }

    /** Usernames are compared case-insensitively: they are stored trimmed and lower-cased. */
    public static String normaliseUsername(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    /** The next sign-in must start by choosing a new password (used for temporary passwords). */
    public void requirePasswordChange() {
        this.passwordChangeRequired = true;
    }

    /** Replaces the password; a password chosen by the user ends any requirement to change it. */
    public void changePassword(String newPasswordHash) {
        this.passwordHash = Objects.requireNonNull(newPasswordHash);
        this.passwordChangeRequired = false;
    }

    /** Disabled accounts cannot sign in, and their open sessions end at their next request. */
    public void disable() {
        this.enabled = false;
        endSessions();
    }

    public void enable() {
        this.enabled = true;
    }

    /**
     * An administrator's reset: the account signs in with this temporary password and must then choose its own;
     * sessions opened with the old password end.
     */
    public void resetPassword(String temporaryPasswordHash) {
        this.passwordHash = Objects.requireNonNull(temporaryPasswordHash);
        this.passwordChangeRequired = true;
        endSessions();
    }

    /**
     * Moves the account to another role and organisation; sessions opened with the old ones end, since they carry
     * the old authorities and scope.
     *
     * @throws IllegalArgumentException when the organisation's kind does not allow the role
     */
    public void assign(Role newRole, Organisation newOrganisation) {
        if (!newOrganisation.getKind().allows(newRole)) {
            throw new IllegalArgumentException(
                    "Role " + newRole + " is not allowed in an organisation of kind " + newOrganisation.getKind());
        }
        if (newRole != role || !newOrganisation.getId().equals(organisation.getId())) {
            this.role = newRole;
            this.organisation = newOrganisation;
            endSessions();
        }
    }

    public void rename(String newDisplayName) {
        this.displayName = Objects.requireNonNull(newDisplayName).trim();
    }

    /** @param newEmail a valid address ({@code system.EmailAddresses}), already trimmed, or {@code null} */
    public void changeEmail(String newEmail) {
        this.email = newEmail;
    }

    /**
     * What the person wants to be told, and in which language. Offers to providers and decisions are always sent.
     *
     * @throws IllegalArgumentException for a language other than {@code fr} or {@code en}
     */
    public void changeNotificationPreferences(String newLocale, boolean newDigestEnabled,
            boolean newRemindersEnabled) {
        if (!"fr".equals(newLocale) && !"en".equals(newLocale)) {
            throw new IllegalArgumentException("Unsupported locale: " + newLocale);
        }
        this.locale = newLocale;
        this.digestEnabled = newDigestEnabled;
        this.remindersEnabled = newRemindersEnabled;
    }

    private void endSessions() {
        this.sessionStamp++;
    }

    public String getEmail() {
        return email;
    }

    public String getLocale() {
        return locale;
    }

    public boolean isDigestEnabled() {
        return digestEnabled;
    }

    public boolean isRemindersEnabled() {
        return remindersEnabled;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public String getDisplayName() {
        return displayName;
    }

    public Role getRole() {
        return role;
    }

    public Organisation getOrganisation() {
        return organisation;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isPasswordChangeRequired() {
        return passwordChangeRequired;
    }

    public long getSessionStamp() {
        return sessionStamp;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
