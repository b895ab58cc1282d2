package fr.passerelle.provider;

import java.util.HashSet;
import java.util.Set;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Version;

/** A home-care service (service d'aide à domicile) that answers emergencies within 24 hours in the communes it covers. */
@Entity
public class HomeCareService {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organisation_id")
    private Organisation organisation;

    /** Code du travail L7232-1: caring at home for a child under 3 needs the service's own agreement. */
    private boolean underThreeApproved;

    private String phone;

    @ElementCollection
    @CollectionTable(name = "home_care_coverage", joinColumns = @JoinColumn(name = "service_id"))
    @Column(name = "commune_code")
    private Set<String> coveredCommunes = new HashSet<>();

    @Version
    private long version;

    protected HomeCareService() {
    }

    public HomeCareService(Organisation organisation, boolean underThreeApproved, String phone) {
        if (organisation.getKind() != OrganisationKind.HOME_CARE_SERVICE) {
            throw new IllegalArgumentException("A home-care service's organisation must be of kind HOME_CARE_SERVICE");
        }
        this.organisation = organisation;
        this.underThreeApproved = underThreeApproved;
        this.phone = phone;
    }

    /** @param inseeCodes the communes' INSEE codes */
    public void cover(Set<String> inseeCodes) {
        coveredCommunes.addAll(inseeCodes);
    }

    /** The communes it covers from now on, replacing the previous ones. */
    public void replaceCoverage(Set<String> inseeCodes) {
        coveredCommunes.retainAll(inseeCodes);
        coveredCommunes.addAll(inseeCodes);
    }

    public void update(boolean newUnderThreeApproved, String newPhone) {
        this.underThreeApproved = newUnderThreeApproved;
        this.phone = newPhone;
    }

    public Long getId() {
        return id;
    }

    public Organisation getOrganisation() {
        return organisation;
    }

    public boolean isUnderThreeApproved() {
        return underThreeApproved;
    }

    public String getPhone() {
        return phone;
    }

    public Set<String> getCoveredCommunes() {
        return Set.copyOf(coveredCommunes);
    }

    public long getVersion() {
        return version;
    }
}
