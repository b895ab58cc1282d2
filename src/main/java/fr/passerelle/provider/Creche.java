package fr.passerelle.provider;

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

/** An AVIP crèche, with the few emergency places it reserves for children of job seekers. */
@Entity
public class Creche {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organisation_id")
    private Organisation organisation;

    private short totalPlaces;

    private short emergencyPlaces;

    private short minAgeMonths;

    private short maxAgeMonths;

    private String phone;

    @Version
    private long version;

    protected Creche() {
    }

    public Creche(Organisation organisation, int totalPlaces, int emergencyPlaces, String phone) {
        if (organisation.getKind() != OrganisationKind.AVIP_CRECHE) {
            throw new IllegalArgumentException("A crèche's organisation must be of kind AVIP_CRECHE");
        }
        if (totalPlaces < 1 || emergencyPlaces < 0 || emergencyPlaces > totalPlaces) {
            throw new IllegalArgumentException("Emergency places must be between 0 and the crèche's places");
        }
        this.organisation = organisation;
        this.totalPlaces = (short) totalPlaces;
        this.emergencyPlaces = (short) emergencyPlaces;
        this.minAgeMonths = 2;
        this.maxAgeMonths = 36;
        this.phone = phone;
    }

    /**
     * @throws IllegalArgumentException when the emergency places exceed the places, or the ages are reversed
     */
    public void update(int newTotalPlaces, int newEmergencyPlaces, int newMinAgeMonths, int newMaxAgeMonths,
            String newPhone) {
        if (newTotalPlaces < 1 || newEmergencyPlaces < 0 || newEmergencyPlaces > newTotalPlaces) {
            throw new IllegalArgumentException("Emergency places must be between 0 and the crèche's places");
        }
        if (newMinAgeMonths < 0 || newMaxAgeMonths < newMinAgeMonths) {
            throw new IllegalArgumentException("The youngest age accepted must not exceed the oldest");
        }
        this.totalPlaces = (short) newTotalPlaces;
        this.emergencyPlaces = (short) newEmergencyPlaces;
        this.minAgeMonths = (short) newMinAgeMonths;
        this.maxAgeMonths = (short) newMaxAgeMonths;
        this.phone = newPhone;
    }

    public long getVersion() {
        return version;
    }

    public Long getId() {
        return id;
    }

    public Organisation getOrganisation() {
        return organisation;
    }

    public int getTotalPlaces() {
        return totalPlaces;
    }

    public int getEmergencyPlaces() {
        return emergencyPlaces;
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
}
