package fr.passerelle.provider;

import fr.passerelle.system.ValidEmail;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An AVIP crèche as an administrator edits it: places, emergency places reserved, ages accepted. */
public class CrecheForm {

    @NotBlank
    @Size(max = 200)
    private String name;

    @NotBlank
    @Size(max = 100)
    private String communeQuery;

    @Pattern(regexp = "[0-9 +.()-]{6,20}")
    private String phone;

    /** The desk's shared mailbox, which receives a copy of the offers; optional. */
    @ValidEmail
    private String contactEmail;

    @NotNull
    @Min(1)
    @Max(500)
    private Integer totalPlaces;

    @NotNull
    @Min(0)
    @Max(500)
    private Integer emergencyPlaces;

    @NotNull
    @Min(0)
    @Max(72)
    private Integer minAgeMonths = 2;

    @NotNull
    @Min(0)
    @Max(72)
    private Integer maxAgeMonths = 36;

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

    public Integer getTotalPlaces() {
        return totalPlaces;
    }

    public void setTotalPlaces(Integer totalPlaces) {
        this.totalPlaces = totalPlaces;
    }

    public Integer getEmergencyPlaces() {
        return emergencyPlaces;
    }

    public void setEmergencyPlaces(Integer emergencyPlaces) {
        this.emergencyPlaces = emergencyPlaces;
    }

    public Integer getMinAgeMonths() {
        return minAgeMonths;
    }

    public void setMinAgeMonths(Integer minAgeMonths) {
        this.minAgeMonths = minAgeMonths;
    }

    public Integer getMaxAgeMonths() {
        return maxAgeMonths;
    }

    public void setMaxAgeMonths(Integer maxAgeMonths) {
        this.maxAgeMonths = maxAgeMonths;
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
