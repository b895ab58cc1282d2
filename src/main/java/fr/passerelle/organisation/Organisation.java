package fr.passerelle.organisation;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A France Travail agency, a Caf, a provider…: the unit that users belong to and data is scoped by. */
@Entity
public class Organisation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    private OrganisationKind kind;

    private String name;

    /** The territory it serves or sits in. */
    private String departementCode;

    /** INSEE code of its commune, when it has one address. */
    private String communeCode;

    /** The organisation's shared address (the Caf's social-action mailbox, a service's desk), or {@code null}. */
    private String contactEmail;

    private boolean active = true;

    @Version
    private long version;

    @Column(insertable = false, updatable = false)
    private Instant createdAt;

    protected Organisation() {
    }

    public Organisation(OrganisationKind kind, String name, String departementCode, String communeCode) {
        this.kind = Objects.requireNonNull(kind);
        this.name = Objects.requireNonNull(name).trim();
        this.departementCode = Objects.requireNonNull(departementCode);
        this.communeCode = communeCode;
    }

    /** Never deleted, since users, referrals and the audit trail refer to it: its users can no longer sign in. */
    public void deactivate() {
        this.active = false;
    }

    public void reactivate() {
        this.active = true;
    }

    /**
     * Its kind never changes: the roles of its users and its provider record depend on it.
     *
     * @return whether its département changed: its users' sessions carry the old one, which scopes what they see,
     *         and must end ({@link UserAccountRepository#endSessionsOfOrganisation})
     */
    public boolean update(String newName, String newDepartementCode, String newCommuneCode) {
        boolean moved = !Objects.requireNonNull(newDepartementCode).equals(departementCode);
        this.name = Objects.requireNonNull(newName).trim();
        this.departementCode = newDepartementCode;
        this.communeCode = newCommuneCode;
        return moved;
    }

    /** @param newContactEmail a valid address ({@code system.EmailAddresses}), already trimmed, or {@code null} */
    public void changeContactEmail(String newContactEmail) {
        this.contactEmail = newContactEmail;
    }

    public String getContactEmail() {
        return contactEmail;
    }

    public Long getId() {
        return id;
    }

    public OrganisationKind getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public String getDepartementCode() {
        return departementCode;
    }

    public String getCommuneCode() {
        return communeCode;
    }

    public boolean isActive() {
        return active;
    }

    public long getVersion() {
        return version;
    }
}
