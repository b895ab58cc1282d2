package fr.passerelle.provider;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.AuditedEntity;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationAdministration;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.system.EmailAddresses;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;
import fr.passerelle.territory.Epci;
import fr.passerelle.territory.TerritoryDirectory;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do with home-care services and AVIP crèches. Each is created with its own organisation, is
 * never deleted but deactivated (its organisation with it, so its users can no longer sign in), and every change is
 * checked against its version and audited in the same transaction.
 */
@Service
public class ServiceAdministration {

    public static final String HOME_CARE_SERVICE = AuditedEntity.HOME_CARE_SERVICE.name();
    public static final String CRECHE = AuditedEntity.CRECHE.name();

    private final HomeCareServiceRepository services;
    private final CrecheRepository creches;
    private final OrganisationRepository organisations;
    private final UserAccountRepository users;
    private final CommuneDirectory communes;
    private final TerritoryDirectory territory;
    private final AuditTrail audit;
    private final EntityManager entityManager;

    ServiceAdministration(HomeCareServiceRepository services, CrecheRepository creches,
            OrganisationRepository organisations, UserAccountRepository users, CommuneDirectory communes,
            TerritoryDirectory territory, AuditTrail audit, EntityManager entityManager) {
        this.services = services;
        this.creches = creches;
        this.organisations = organisations;
        this.users = users;
        this.communes = communes;
        this.territory = territory;
        this.audit = audit;
        this.entityManager = entityManager;
    }

    // Home-care services

    @Transactional(readOnly = true)
    public HomeCareService getService(long id) {
        return services.findWithOrganisationById(id).orElseThrow(NotFoundException::new);
    }

    /** The form of an existing service, loaded in this transaction: its coverage is a lazy collection. */
    @Transactional(readOnly = true)
    public HomeCareServiceForm serviceForm(long id) {
        HomeCareService service = getService(id);
        HomeCareServiceForm form = new HomeCareServiceForm();
        form.setName(service.getOrganisation().getName());
        form.setCommuneQuery(label(service.getOrganisation().getCommuneCode()));
        form.setPhone(service.getPhone());
        form.setContactEmail(service.getOrganisation().getContactEmail());
        form.setUnderThreeApproved(service.isUnderThreeApproved());
        form.setCoverage(new java.util.ArrayList<>(new TreeSet<>(service.getCoveredCommunes())));
        form.setVersion(service.getVersion());
        return form;
    }

    /**
     * Adds to the form's coverage every commune of the EPCI typed or picked.
     *
     * @return the EPCI added
     * @throws RejectedChangeException on {@code epciQuery} when no EPCI or several match
     */
    @Transactional(readOnly = true)
    public Epci addEpci(HomeCareServiceForm form) {
        List<Epci> found = territory.searchEpci(form.getEpciQuery(), 2);
        if (found.isEmpty()) {
            throw new RejectedChangeException("admin.service.epci.unknown", "epciQuery");
        }
        if (found.size() > 1) {
            throw new RejectedChangeException("admin.service.epci.ambiguous", "epciQuery");
        }
        Set<String> coverage = new TreeSet<>(form.getCoverage());
        coverage.addAll(territory.communesOfEpci(found.get(0).code()));
        form.setCoverage(new java.util.ArrayList<>(coverage));
        form.setEpciQuery(null);
        return found.get(0);
    }

    /**
     * Adds to the form's coverage the commune typed or picked.
     *
     * @throws RejectedChangeException on {@code coverageCommuneQuery} when no commune or several match
     */
    @Transactional(readOnly = true)
    public Commune addCommune(HomeCareServiceForm form) {
        Commune commune = OrganisationAdministration.resolve(communes, form.getCoverageCommuneQuery(),
                "coverageCommuneQuery");
        Set<String> coverage = new TreeSet<>(form.getCoverage());
        coverage.add(commune.inseeCode());
        form.setCoverage(new java.util.ArrayList<>(coverage));
        form.setCoverageCommuneQuery(null);
        return commune;
    }

    @Transactional
    public HomeCareService createService(CurrentUser admin, HomeCareServiceForm form) {
        Commune base = OrganisationAdministration.resolve(communes, form.getCommuneQuery(), "communeQuery");
        Set<String> coverage = checkedCoverage(form);
        checkNameFree(OrganisationKind.HOME_CARE_SERVICE, form.getName(), null);
        Organisation organisation = new Organisation(OrganisationKind.HOME_CARE_SERVICE, form.getName(),
                base.departementCode(), base.inseeCode());
        organisation.changeContactEmail(EmailAddresses.normalise(form.getContactEmail()));
        organisations.save(organisation);
        HomeCareService service = new HomeCareService(organisation, form.isUnderThreeApproved(), form.getPhone());
        service.cover(coverage);
        services.saveAndFlush(service);
        audit.record(admin.getUserId(), HOME_CARE_SERVICE, service.getId(), "CREATED", Changes.of()
                .created("name", organisation.getName())
                .created("commune", base.inseeCode())
                .created("phone", service.getPhone())
                .created("contactEmail", organisation.getContactEmail())
                .created("underThreeApproved", service.isUnderThreeApproved())
                .created("coverageAdded", String.join(", ", new TreeSet<>(coverage)))
                .created("active", true));
        return service;
    }

    @Transactional
    public void updateService(CurrentUser admin, long id, long version, HomeCareServiceForm form) {
        HomeCareService service = getService(id);
        if (service.getVersion() != version) {
            throw new StaleDataException();
        }
        Organisation organisation = service.getOrganisation();
        Commune base = OrganisationAdministration.resolve(communes, form.getCommuneQuery(), "communeQuery");
        Set<String> coverage = checkedCoverage(form);
        checkNameFree(OrganisationKind.HOME_CARE_SERVICE, form.getName(), organisation.getId());
        Set<String> before = service.getCoveredCommunes();
        Set<String> added = new TreeSet<>(coverage);
        added.removeAll(before);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(coverage);
        String contactEmail = EmailAddresses.normalise(form.getContactEmail());
        Changes changes = Changes.of()
                .field("name", organisation.getName(), form.getName().strip())
                .field("commune", organisation.getCommuneCode(), base.inseeCode())
                .field("phone", service.getPhone(), form.getPhone())
                .field("contactEmail", organisation.getContactEmail(), contactEmail)
                .field("underThreeApproved", service.isUnderThreeApproved(), form.isUnderThreeApproved())
                .field("coverageAdded", null, String.join(", ", added))
                .field("coverageRemoved", null, String.join(", ", removed));
        if (organisation.update(form.getName(), base.departementCode(), base.inseeCode())) {
            users.endSessionsOfOrganisation(organisation.getId());
        }
        organisation.changeContactEmail(contactEmail);
        service.update(form.isUnderThreeApproved(), form.getPhone());
        service.replaceCoverage(coverage);
        if (!changes.isEmpty()) {
            // A change of coverage or of the organisation's contact address alone leaves the service's row as it
            // was: its version must still move.
            raiseVersion(service);
        }
        services.flush();
        organisations.flush();
        audit.record(admin.getUserId(), HOME_CARE_SERVICE, id, "UPDATED", changes);
    }

    @Transactional
    public void setServiceActive(CurrentUser admin, long id, long version, boolean active) {
        HomeCareService service = getService(id);
        if (service.getVersion() != version) {
            throw new StaleDataException();
        }
        setActive(admin, HOME_CARE_SERVICE, id, service.getOrganisation(), active);
        raiseVersion(service);
        services.flush();
    }

    // Crèches

    @Transactional(readOnly = true)
    public Creche getCreche(long id) {
        return creches.findWithOrganisationById(id).orElseThrow(NotFoundException::new);
    }

    @Transactional(readOnly = true)
    public CrecheForm crecheForm(Creche creche) {
        CrecheForm form = new CrecheForm();
        form.setName(creche.getOrganisation().getName());
        form.setCommuneQuery(label(creche.getOrganisation().getCommuneCode()));
        form.setPhone(creche.getPhone());
        form.setContactEmail(creche.getOrganisation().getContactEmail());
        form.setTotalPlaces(creche.getTotalPlaces());
        form.setEmergencyPlaces(creche.getEmergencyPlaces());
        form.setMinAgeMonths(creche.getMinAgeMonths());
        form.setMaxAgeMonths(creche.getMaxAgeMonths());
        form.setVersion(creche.getVersion());
        return form;
    }

    @Transactional
    public Creche createCreche(CurrentUser admin, CrecheForm form) {
        Commune base = OrganisationAdministration.resolve(communes, form.getCommuneQuery(), "communeQuery");
        checkPlacesAndAges(form);
        checkNameFree(OrganisationKind.AVIP_CRECHE, form.getName(), null);
        Organisation organisation = new Organisation(OrganisationKind.AVIP_CRECHE, form.getName(),
                base.departementCode(), base.inseeCode());
        organisation.changeContactEmail(EmailAddresses.normalise(form.getContactEmail()));
        organisations.save(organisation);
        Creche creche = new Creche(organisation, form.getTotalPlaces(), form.getEmergencyPlaces(), form.getPhone());
        creche.update(form.getTotalPlaces(), form.getEmergencyPlaces(), form.getMinAgeMonths(),
                form.getMaxAgeMonths(), form.getPhone());
        creches.saveAndFlush(creche);
        audit.record(admin.getUserId(), CRECHE, creche.getId(), "CREATED", Changes.of()
                .created("name", organisation.getName())
                .created("commune", base.inseeCode())
                .created("phone", creche.getPhone())
                .created("contactEmail", organisation.getContactEmail())
                .created("totalPlaces", creche.getTotalPlaces())
                .created("emergencyPlaces", creche.getEmergencyPlaces())
                .created("minAgeMonths", creche.getMinAgeMonths())
                .created("maxAgeMonths", creche.getMaxAgeMonths())
                .created("active", true));
        return creche;
    }

    @Transactional
    public void updateCreche(CurrentUser admin, long id, long version, CrecheForm form) {
        Creche creche = getCreche(id);
        if (creche.getVersion() != version) {
            throw new StaleDataException();
        }
        Organisation organisation = creche.getOrganisation();
        Commune base = OrganisationAdministration.resolve(communes, form.getCommuneQuery(), "communeQuery");
        checkPlacesAndAges(form);
        checkNameFree(OrganisationKind.AVIP_CRECHE, form.getName(), organisation.getId());
        String contactEmail = EmailAddresses.normalise(form.getContactEmail());
        Changes changes = Changes.of()
                .field("name", organisation.getName(), form.getName().strip())
                .field("commune", organisation.getCommuneCode(), base.inseeCode())
                .field("phone", creche.getPhone(), form.getPhone())
                .field("contactEmail", organisation.getContactEmail(), contactEmail)
                .field("totalPlaces", creche.getTotalPlaces(), form.getTotalPlaces())
                .field("emergencyPlaces", creche.getEmergencyPlaces(), form.getEmergencyPlaces())
                .field("minAgeMonths", creche.getMinAgeMonths(), form.getMinAgeMonths())
                .field("maxAgeMonths", creche.getMaxAgeMonths(), form.getMaxAgeMonths());
        if (organisation.update(form.getName(), base.departementCode(), base.inseeCode())) {
            users.endSessionsOfOrganisation(organisation.getId());
        }
        organisation.changeContactEmail(contactEmail);
        creche.update(form.getTotalPlaces(), form.getEmergencyPlaces(), form.getMinAgeMonths(),
                form.getMaxAgeMonths(), form.getPhone());
        if (!changes.isEmpty()) {
            // Only the organisation's name, commune or contact address may have changed: the crèche's version
            // must still move.
            raiseVersion(creche);
        }
        creches.flush();
        organisations.flush();
        audit.record(admin.getUserId(), CRECHE, id, "UPDATED", changes);
    }

    @Transactional
    public void setCrecheActive(CurrentUser admin, long id, long version, boolean active) {
        Creche creche = getCreche(id);
        if (creche.getVersion() != version) {
            throw new StaleDataException();
        }
        setActive(admin, CRECHE, id, creche.getOrganisation(), active);
        raiseVersion(creche);
        creches.flush();
    }

    private void setActive(CurrentUser admin, String entity, long id, Organisation organisation, boolean active) {
        if (organisation.isActive() == active) {
            return;
        }
        if (active) {
            organisation.reactivate();
        }
        else {
            organisation.deactivate();
            users.endSessionsOfOrganisation(organisation.getId());
        }
        organisations.flush();
        audit.record(admin.getUserId(), entity, id, active ? "REACTIVATED" : "DEACTIVATED",
                Changes.of().field("active", !active, active));
    }

    /**
     * The communes the form covers, every one of them known: codes come from ticked boxes, which a stale page or a
     * script can post with anything. Checked before anything is saved.
     *
     * @throws RejectedChangeException on {@code coverage} when it is empty, or naming the unknown codes
     */
    private Set<String> checkedCoverage(HomeCareServiceForm form) {
        Set<String> coverage = new TreeSet<>(form.getCoverage());
        if (coverage.isEmpty()) {
            throw new RejectedChangeException("admin.service.coverage.required", "coverage");
        }
        Set<String> unknown = new TreeSet<>(coverage);
        unknown.removeAll(communes.findAllByInseeCodes(coverage).keySet());
        if (!unknown.isEmpty()) {
            throw new RejectedChangeException("admin.service.coverage.unknown", "coverage",
                    String.join(", ", unknown));
        }
        return coverage;
    }

    private static void checkPlacesAndAges(CrecheForm form) {
        if (form.getEmergencyPlaces() > form.getTotalPlaces()) {
            throw new RejectedChangeException("admin.creche.emergency.exceeds", "emergencyPlaces");
        }
        if (form.getMinAgeMonths() > form.getMaxAgeMonths()) {
            throw new RejectedChangeException("admin.creche.ages.reversed", "maxAgeMonths");
        }
    }

    private void checkNameFree(OrganisationKind kind, String name, Long organisationId) {
        organisations.findByKindAndName(kind, name.strip())
                .filter(existing -> !existing.getId().equals(organisationId))
                .ifPresent(existing -> {
                    throw new RejectedChangeException("admin.service.name.taken", "name");
                });
    }

    /**
     * Raises the version of a service or crèche at commit even when its own row is unchanged (only its coverage or
     * its organisation changed), so that a form opened before is refused as stale. A locking query does not do it:
     * Hibernate ignores its lock mode for an entity already loaded in the transaction.
     */
    private void raiseVersion(Object serviceOrCreche) {
        entityManager.lock(serviceOrCreche, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    }

    private String label(String communeCode) {
        return communeCode == null ? null
                : communes.findByInseeCode(communeCode).map(Commune::label).orElse(communeCode);
    }
}
