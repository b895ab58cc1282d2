package fr.passerelle.privacy;

import java.time.LocalDate;

import fr.passerelle.referral.FranceTravailIdentifier;

import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.Errors;

/**
 * Whom the right of access is for: a France Travail identifier, or the parent's last and first names with a child's
 * birth date. Sent by POST (never in a URL).
 */
public class PersonSearch {

    @Size(max = 20)
    private String franceTravailId;

    @Size(max = 100)
    private String lastName;

    @Size(max = 100)
    private String firstName;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate childBirthDate;

    /** Says next to each field what is missing or wrong; nothing when the search can run. */
    public void check(Errors errors) {
        if (hasFranceTravailId()) {
            if (!FranceTravailIdentifier.isValid(franceTravailId)) {
                errors.rejectValue("franceTravailId", "privacy.rights.franceTravailId.invalid");
            }
            return;
        }
        if (isBlank(lastName)) {
            errors.rejectValue("lastName", "privacy.rights.lastName.required");
        }
        if (isBlank(firstName)) {
            errors.rejectValue("firstName", "privacy.rights.firstName.required");
        }
        if (childBirthDate == null && !errors.hasFieldErrors("childBirthDate")) {
            errors.rejectValue("childBirthDate", "privacy.rights.childBirthDate.required");
        }
    }

    public boolean hasFranceTravailId() {
        return !isBlank(franceTravailId);
    }

    String franceTravailIdNormalised() {
        return FranceTravailIdentifier.normalise(franceTravailId);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    public String getFranceTravailId() {
        return franceTravailId;
    }

    public void setFranceTravailId(String franceTravailId) {
        this.franceTravailId = franceTravailId;
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

    public LocalDate getChildBirthDate() {
        return childBirthDate;
    }

    public void setChildBirthDate(LocalDate childBirthDate) {
        this.childBirthDate = childBirthDate;
    }
}
