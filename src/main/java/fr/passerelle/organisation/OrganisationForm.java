package fr.passerelle.organisation;

import fr.passerelle.system.ValidEmail;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An organisation that is not a provider (those come with their service or crèche), as an administrator edits it. */
public class OrganisationForm {

    /** Chosen at creation only. */
    @NotNull
    private OrganisationKind kind;

    @NotBlank
    @Size(max = 200)
    private String name;

    @NotBlank
    private String departementCode;

    /** The commune of its address, as typed or picked; optional. */
    @Size(max = 100)
    private String communeQuery;

    /** Its shared mailbox (a Caf's social-action desk); optional. */
    @ValidEmail
    private String contactEmail;

    private Long version;

    public OrganisationKind getKind() {
        return kind;
    }

    public void setKind(OrganisationKind kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDepartementCode() {
        return departementCode;
    }

    public void setDepartementCode(String departementCode) {
        this.departementCode = departementCode;
    }

    public String getCommuneQuery() {
        return communeQuery;
    }

    public void setCommuneQuery(String communeQuery) {
        this.communeQuery = communeQuery;
    }

    public String getContactEmail() {
        return contactEmail;
    }

    public void setContactEmail(String contactEmail) {
        this.contactEmail = contactEmail;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
