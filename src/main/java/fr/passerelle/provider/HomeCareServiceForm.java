package fr.passerelle.provider;

import java.util.ArrayList;
import java.util.List;

import fr.passerelle.system.ValidEmail;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A home-care service as an administrator edits it. Its coverage is a list of INSEE codes, one checkbox each (untick
 * to remove); communes are added one by one, or all those of an EPCI at once, without saving until "save".
 */
public class HomeCareServiceForm {

    @NotBlank
    @Size(max = 200)
    private String name;

    /** The commune of its address, which gives its département. */
    @NotBlank
    @Size(max = 100)
    private String communeQuery;

    @Pattern(regexp = "[0-9 +.()-]{6,20}")
    private String phone;

    /** The desk's shared mailbox, which receives a copy of the offers; optional. */
    @ValidEmail
    private String contactEmail;

    private boolean underThreeApproved;

    private List<String> coverage = new ArrayList<>();

    /** An EPCI to add, by name or SIREN code. */
    @Size(max = 120)
    private String epciQuery;

    /** A commune to add, by name or postal code. */
    @Size(max = 100)
    private String coverageCommuneQuery;

    private Long version;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCommuneQuery() {
        return communeQuery;
    }

    public void setCommuneQuery(String communeQuery) {
        this.communeQuery = communeQuery;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public boolean isUnderThreeApproved() {
        return underThreeApproved;
    }

    public void setUnderThreeApproved(boolean underThreeApproved) {
        this.underThreeApproved = underThreeApproved;
    }

    public List<String> getCoverage() {
        return coverage;
    }

    public void setCoverage(List<String> coverage) {
        this.coverage = coverage == null ? new ArrayList<>() : coverage;
    }

    public String getEpciQuery() {
        return epciQuery;
    }

    public void setEpciQuery(String epciQuery) {
        this.epciQuery = epciQuery;
    }

    public String getCoverageCommuneQuery() {
        return coverageCommuneQuery;
    }

    public void setCoverageCommuneQuery(String coverageCommuneQuery) {
        this.coverageCommuneQuery = coverageCommuneQuery;
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
