package fr.passerelle.provider;

import java.time.LocalDate;
import java.util.Objects;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Version;

/** An accredited childminder (assistant·e maternel·le agréé·e): a one-person provider organisation. */
@Entity
public class Childminder {

    /** CASF L421-4: a childminder looks after at most four children at a time. */
    public static final int MAX_CHILDREN = 4;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organisation_id")
    private Organisation organisation;

    private String firstName;

    private String lastName;

    /** The PMI agreement (agrément) number. */
    private String agreementNumber;

    private LocalDate agreementEndDate;

    /** Children allowed at a time by the agreement, 1 to 4. */
    private short childrenAllowed;

    /** Places offered to AVIP families; never more than the agreement allows. */
    private short avipPlaces;

    private short minAgeMonths;

    private short maxAgeMonths;

    private String phone;

    private String email;

    private String availabilityNotes;

    @Version
    private long version;

    protected Childminder() {
    }

    public Childminder(Organisation organisation, String firstName, String lastName, String agreementNumber,
            LocalDate agreementEndDate, int childrenAllowed, int avipPlaces) {
        if (organisation.getKind() != OrganisationKind.CHILDMINDER) {
            throw new IllegalArgumentException("A childminder's organisation must be of kind CHILDMINDER");
        }
        if (childrenAllowed < 1 || childrenAllowed > MAX_CHILDREN) {
            throw new IllegalArgumentException("An agreement allows 1 to 4 children, not " + childrenAllowed);
        }
        if (avipPlaces < 0 || avipPlaces > childrenAllowed) {
            throw new IllegalArgumentException("AVIP places must be between 0 and the agreement's children");
        }
        this.organisation = organisation;
        this.firstName = Objects.requireNonNull(firstName);
        this.lastName = Objects.requireNonNull(lastName);
        this.agreementNumber = Objects.requireNonNull(agreementNumber);
        this.agreementEndDate = Objects.requireNonNull(agreementEndDate);
        this.childrenAllowed = (short) childrenAllowed;
        this.avipPlaces = (short) avipPlaces;
        this.minAgeMonths = 0;
        this.maxAgeMonths = 132;
    }

    /** Restricts the children's ages accepted, in months. */
    public void acceptAges(int minMonths, int maxMonths) {
        if (minMonths < 0 || maxMonths < minMonths) {
            throw new IllegalArgumentException("Invalid age range");
        }
        this.minAgeMonths = (short) minMonths;
        this.maxAgeMonths = (short) maxMonths;
    }

    public void updateContact(String phone, String email, String availabilityNotes) {
        this.phone = phone;
        this.email = email;
        this.availabilityNotes = availabilityNotes;
    }

    /** An agreement is valid up to and including its end date. */
    public boolean hasValidAgreementOn(LocalDate day) {
        return !day.isAfter(agreementEndDate);
    }

    public Long getId() {
        return id;
    }

    public Organisation getOrganisation() {
        return organisation;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public String getAgreementNumber() {
        return agreementNumber;
    }

    public LocalDate getAgreementEndDate() {
        return agreementEndDate;
    }

    public int getChildrenAllowed() {
        return childrenAllowed;
    }

    public int getAvipPlaces() {
        return avipPlaces;
    }

    public int getMinAgeMonths() {
        return minAgeMonths;
    }

    public int getMaxAgeMonths() {
        return maxAgeMonths;
    }

    public String getPhone() {
        return phone;
    }

    public String getEmail() {
        return email;
    }

    public String getAvailabilityNotes() {
        return availabilityNotes;
    }
}
