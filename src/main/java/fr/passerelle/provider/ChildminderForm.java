package fr.passerelle.provider;

import java.time.LocalDate;
import java.util.Locale;

import fr.passerelle.system.ValidEmail;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The childminder form as typed. Rules that involve two fields (AVIP places within the agreement, the age range) and
 * the commune, resolved from what was typed, are checked by {@link ChildminderFormMapper}.
 */
public class ChildminderForm {

    /** Letters, digits and the separators PMI numbers use; the database holds up to 30 characters. */
    public static final String AGREEMENT_NUMBER = "^[A-Za-z0-9][A-Za-z0-9 ./-]{0,29}$";

    /** Digits, spaces and dots, at least ten, after an optional "+". */
    public static final String PHONE = "^\\+?[0-9 .]{10,}$";

    private Long version;

    @NotBlank
    @Size(max = 100)
    private String lastName;

    @NotBlank
    @Size(max = 100)
    private String firstName;

    @NotBlank
    @Pattern(regexp = AGREEMENT_NUMBER)
    private String agreementNumber;

    @NotNull
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate agreementEndDate;

    @NotNull
    @Min(1)
    @Max(Childminder.MAX_CHILDREN)
    private Integer childrenAllowed;

    @NotNull
    @Min(0)
    @Max(Childminder.MAX_CHILDREN)
    private Integer avipPlaces;

    @NotBlank
    private String communeQuery;

    @NotNull
    @Min(0)
    @Max(144)
    private Integer minAgeMonths = 0;

    @NotNull
    @Min(0)
    @Max(144)
    private Integer maxAgeMonths = 132;

    /** The column holds 20 characters: said apart from the format. */
    @Pattern(regexp = PHONE)
    @Size(max = 20)
    private String phone;

    @ValidEmail
    @Size(max = 200)
    private String email;

    @Size(max = 1000)
    private String availabilityNotes;

    static ChildminderForm of(ChildminderDetails details, String communeLabel, long version) {
        ChildminderForm form = new ChildminderForm();
        form.version = version;
        form.lastName = details.lastName();
        form.firstName = details.firstName();
        form.agreementNumber = details.agreementNumber();
        form.agreementEndDate = details.agreementEndDate();
        form.childrenAllowed = details.childrenAllowed();
        form.avipPlaces = details.avipPlaces();
        form.communeQuery = communeLabel;
        form.minAgeMonths = details.minAgeMonths();
        form.maxAgeMonths = details.maxAgeMonths();
        form.phone = details.phone();
        form.email = details.email();
        form.availabilityNotes = details.availabilityNotes();
        return form;
    }

    /** Agreement numbers are kept in capitals, so that "ag-1" and "AG-1" are seen as the same. */
    static String normaliseAgreementNumber(String number) {
        return number == null ? null : number.strip().toUpperCase(Locale.ROOT);
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getAgreementNumber() {
        return agreementNumber;
    }

    public void setAgreementNumber(String agreementNumber) {
        this.agreementNumber = agreementNumber;
    }

    public LocalDate getAgreementEndDate() {
        return agreementEndDate;
    }

    public void setAgreementEndDate(LocalDate agreementEndDate) {
        this.agreementEndDate = agreementEndDate;
    }

    public Integer getChildrenAllowed() {
        return childrenAllowed;
    }

    public void setChildrenAllowed(Integer childrenAllowed) {
        this.childrenAllowed = childrenAllowed;
    }

    public Integer getAvipPlaces() {
        return avipPlaces;
    }

    public void setAvipPlaces(Integer avipPlaces) {
        this.avipPlaces = avipPlaces;
    }

    public String getCommuneQuery() {
        return communeQuery;
    }

    public void setCommuneQuery(String communeQuery) {
        this.communeQuery = communeQuery;
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

    public String getAvailabilityNotes() {
        return availabilityNotes;
    }

    public void setAvailabilityNotes(String availabilityNotes) {
        this.availabilityNotes = availabilityNotes;
    }
}
