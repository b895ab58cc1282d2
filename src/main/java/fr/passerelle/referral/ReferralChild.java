package fr.passerelle.referral;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** A child to be looked after, as listed in a referral. */
@Entity
public class ReferralChild {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "referral_id")
    private Referral referral;

    private short position;

    private String firstName;

    private LocalDate birthDate;

    /** Once anonymised (privacy package, by SQL only): the age in months when the referral was sent. */
    @Column(insertable = false, updatable = false)
    private Short ageMonths;

    protected ReferralChild() {
    }

    ReferralChild(Referral referral, int position, String firstName, LocalDate birthDate) {
        this.referral = referral;
        this.position = (short) position;
        change(firstName, birthDate);
    }

    void change(String firstName, LocalDate birthDate) {
        this.firstName = firstName.trim();
        this.birthDate = birthDate;
    }

    public int getPosition() {
        return position;
    }

    public String getFirstName() {
        return firstName;
    }

    public LocalDate getBirthDate() {
        return birthDate;
    }

    /** The age in months when the referral was sent, once its birth date was erased; null before. */
    public Integer getAgeMonths() {
        return ageMonths == null ? null : ageMonths.intValue();
    }
}
