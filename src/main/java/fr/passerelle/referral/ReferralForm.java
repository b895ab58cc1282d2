package fr.passerelle.referral;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import fr.passerelle.system.ValidEmail;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The referral form as typed. Formats are checked on every save ({@code Default} group); what the Caf needs is
 * required only to submit ({@link Complete} group), so that a draft can be saved half-filled.
 */
public class ReferralForm {

    /** Constraints that apply only when the referral is sent to the Caf. */
    public interface Complete {
    }

    private UUID creationToken;

    private Long version;

    @NotBlank(groups = Complete.class)
    @Size(max = 100)
    private String parentLastName;

    @NotBlank(groups = Complete.class)
    @Size(max = 100)
    private String parentFirstName;

    @NotBlank(groups = Complete.class)
    @Pattern(regexp = "^(\\d{7}[A-Z0-9]|\\d{11})$")
    private String franceTravailId;

    private boolean jobSeekerAttested;

    @NotNull
    private Registration registration = Registration.FRANCE_TRAVAIL_JOB_SEEKER;

    @Pattern(regexp = "^\\d{7}$")
    private String cafNumber;

    @NotBlank(groups = Complete.class)
    private String phone;

    @ValidEmail
    @Size(max = 200)
    private String email;

    @NotBlank(groups = Complete.class)
    private String communeQuery;

    private Boolean singleParent;

    private Boolean rsaRecipient;

    private Boolean qpvResident;

    @Size(max = Referral.MAX_CHILDREN)
    @Size(min = 1, groups = Complete.class)
    private List<@Valid ChildForm> children = new ArrayList<>(List.of(new ChildForm()));

    @NotNull(groups = Complete.class)
    private Purpose purpose;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate purposeDate;

    @Size(max = 200)
    private String purposeOrganisation;

    private String purposeCommuneQuery;

    @NotNull(groups = Complete.class)
    private CareNeed need;

    @NotNull(groups = Complete.class)
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate firstDay;

    @DateTimeFormat(pattern = "HH:mm")
    private LocalTime firstDayStartTime;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate lastDay;

    private Set<DayOfWeek> regularDays = EnumSet.noneOf(DayOfWeek.class);

    @DateTimeFormat(pattern = "HH:mm")
    private LocalTime regularStartTime;

    @DateTimeFormat(pattern = "HH:mm")
    private LocalTime regularEndTime;

    @AssertTrue(groups = Complete.class)
    private boolean consentGiven;

    /** The advisor saw the possible duplicates and confirms this is another need. */
    private boolean duplicateConfirmed;

    /** One child to be looked after. */
    public static class ChildForm {

        @NotBlank
        @Size(max = 60)
        private String firstName;

        @NotNull
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate birthDate;

        public ChildForm() {
        }

        public ChildForm(String firstName, LocalDate birthDate) {
            this.firstName = firstName;
            this.birthDate = birthDate;
        }

        boolean isBlank() {
            return (firstName == null || firstName.isBlank()) && birthDate == null;
        }

        /**
         * Whether the child will be {@code years} old or more on {@code firstDay}: the form flags it beside the row
         * before the referral is sent. {@code false} while either date is missing.
         */
        public boolean reachesAgeOn(LocalDate firstDay, Integer years) {
            return birthDate != null && firstDay != null && years != null && !birthDate.isAfter(firstDay)
                    && !birthDate.plusYears(years).isAfter(firstDay);
        }

        public String getFirstName() {
            return firstName;
        }

        public void setFirstName(String firstName) {
            this.firstName = firstName;
        }

        public LocalDate getBirthDate() {
            return birthDate;
        }

        public void setBirthDate(LocalDate birthDate) {
            this.birthDate = birthDate;
        }
    }

    /** Drops the rows left entirely empty, keeping one row to type in. */
    void dropBlankChildren() {
        children.removeIf(child -> child == null || child.isBlank());
    }

    void ensureOneChildRow() {
        if (children.isEmpty()) {
            children.add(new ChildForm());
        }
    }

    public UUID getCreationToken() {
        return creationToken;
    }

    public void setCreationToken(UUID creationToken) {
        this.creationToken = creationToken;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getParentLastName() {
        return parentLastName;
    }

    public void setParentLastName(String parentLastName) {
        this.parentLastName = parentLastName;
    }

    public String getParentFirstName() {
        return parentFirstName;
    }

    public void setParentFirstName(String parentFirstName) {
        this.parentFirstName = parentFirstName;
    }

    public String getFranceTravailId() {
        return franceTravailId;
    }

    public void setFranceTravailId(String franceTravailId) {
        this.franceTravailId = FranceTravailIdentifier.normalise(franceTravailId);
    }

    public boolean isJobSeekerAttested() {
        return jobSeekerAttested;
    }

    public void setJobSeekerAttested(boolean jobSeekerAttested) {
        this.jobSeekerAttested = jobSeekerAttested;
    }

    public String getCafNumber() {
        return cafNumber;
    }

    public void setCafNumber(String cafNumber) {
        this.cafNumber = cafNumber == null ? null : cafNumber.replaceAll("\\s+", "");
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getCommuneQuery() {
        return communeQuery;
    }

    public void setCommuneQuery(String communeQuery) {
        this.communeQuery = communeQuery;
    }

    public Boolean getSingleParent() {
        return singleParent;
    }

    public void setSingleParent(Boolean singleParent) {
        this.singleParent = singleParent;
    }

    public Boolean getRsaRecipient() {
        return rsaRecipient;
    }

    public void setRsaRecipient(Boolean rsaRecipient) {
        this.rsaRecipient = rsaRecipient;
    }

    public Boolean getQpvResident() {
        return qpvResident;
    }

    public void setQpvResident(Boolean qpvResident) {
        this.qpvResident = qpvResident;
    }

    public List<ChildForm> getChildren() {
        return children;
    }

    public void setChildren(List<ChildForm> children) {
        this.children = children == null ? new ArrayList<>() : new ArrayList<>(children);
    }

    public Registration getRegistration() {
        return registration;
    }

    public void setRegistration(Registration registration) {
        this.registration = registration;
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public void setPurpose(Purpose purpose) {
        this.purpose = purpose;
    }

    public LocalDate getPurposeDate() {
        return purposeDate;
    }

    public void setPurposeDate(LocalDate purposeDate) {
        this.purposeDate = purposeDate;
    }

    public String getPurposeOrganisation() {
        return purposeOrganisation;
    }

    public void setPurposeOrganisation(String purposeOrganisation) {
        this.purposeOrganisation = purposeOrganisation;
    }

    public String getPurposeCommuneQuery() {
        return purposeCommuneQuery;
    }

    public void setPurposeCommuneQuery(String purposeCommuneQuery) {
        this.purposeCommuneQuery = purposeCommuneQuery;
    }

    public CareNeed getNeed() {
        return need;
    }

    public void setNeed(CareNeed need) {
        this.need = need;
    }

    public LocalDate getFirstDay() {
        return firstDay;
    }

    public void setFirstDay(LocalDate firstDay) {
        this.firstDay = firstDay;
    }

    public LocalTime getFirstDayStartTime() {
        return firstDayStartTime;
    }

    public void setFirstDayStartTime(LocalTime firstDayStartTime) {
        this.firstDayStartTime = firstDayStartTime;
    }

    public LocalDate getLastDay() {
        return lastDay;
    }

    public void setLastDay(LocalDate lastDay) {
        this.lastDay = lastDay;
    }

    public Set<DayOfWeek> getRegularDays() {
        return regularDays;
    }

    public void setRegularDays(Set<DayOfWeek> regularDays) {
        this.regularDays = regularDays == null || regularDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class)
                : EnumSet.copyOf(regularDays);
    }

    public LocalTime getRegularStartTime() {
        return regularStartTime;
    }

    public void setRegularStartTime(LocalTime regularStartTime) {
        this.regularStartTime = regularStartTime;
    }

    public LocalTime getRegularEndTime() {
        return regularEndTime;
    }

    public void setRegularEndTime(LocalTime regularEndTime) {
        this.regularEndTime = regularEndTime;
    }

    public boolean isConsentGiven() {
        return consentGiven;
    }

    public void setConsentGiven(boolean consentGiven) {
        this.consentGiven = consentGiven;
    }

    public boolean isDuplicateConfirmed() {
        return duplicateConfirmed;
    }

    public void setDuplicateConfirmed(boolean duplicateConfirmed) {
        this.duplicateConfirmed = duplicateConfirmed;
    }
}
