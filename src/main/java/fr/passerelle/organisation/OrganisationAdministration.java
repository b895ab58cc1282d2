package fr.passerelle.organisation;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.AuditedEntity;
import fr.passerelle.audit.Changes;
import fr.passerelle.system.EmailAddresses;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.Pages;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;
import fr.passerelle.territory.CommuneResolution;
import fr.passerelle.territory.TerritoryDirectory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do with organisations that are not providers: France Travail agencies, other prescribers, Cafs
 * and the administration. Never deleted: deactivated, which stops their users signing in.
 */
@Service
public class OrganisationAdministration {

    public static final String ENTITY = AuditedEntity.ORGANISATION.name();
    public static final int PAGE_SIZE = 20;

    /** Kinds edited on the organisations page; providers are created and edited with their service or crèche. */
    public static final Set<OrganisationKind> KINDS = EnumSet.of(OrganisationKind.FRANCE_TRAVAIL_AGENCY,
            OrganisationKind.OTHER_PRESCRIBER, OrganisationKind.CAF, OrganisationKind.ADMINISTRATION,
            OrganisationKind.RELAIS_PETITE_ENFANCE, OrganisationKind.DEPARTEMENT_RSA_SERVICE,
            OrganisationKind.MISSION_LOCALE);

    private final OrganisationRepository organisations;
    private final UserAccountRepository users;
    private final TerritoryDirectory territory;
    private final CommuneDirectory communes;
    private final AuditTrail audit;
    private final JdbcClient jdbc;

    OrganisationAdministration(OrganisationRepository organisations, UserAccountRepository users,
            TerritoryDirectory territory, CommuneDirectory communes, AuditTrail audit, JdbcClient jdbc) {
        this.organisations = organisations;
        this.users = users;
        this.territory = territory;
        this.communes = communes;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Page<Organisation> list(OrganisationKind kind, int page) {
        Set<OrganisationKind> kinds = kind != null && KINDS.contains(kind) ? EnumSet.of(kind) : KINDS;
        return Pages.orLast(PageRequest.of(Pages.clamp(page), PAGE_SIZE),
                request -> organisations.findByKindIn(kinds, request));
    }

    /** @throws NotFoundException for unknown ids and for providers, which are edited elsewhere */
    @Transactional(readOnly = true)
    public Organisation get(long id) {
        return organisations.findById(id).filter(organisation -> KINDS.contains(organisation.getKind()))
                .orElseThrow(NotFoundException::new);
    }

    /** The form of an existing organisation. */
    @Transactional(readOnly = true)
    public OrganisationForm form(Organisation organisation) {
        OrganisationForm form = new OrganisationForm();
        form.setKind(organisation.getKind());
        form.setName(organisation.getName());
        form.setDepartementCode(organisation.getDepartementCode());
        form.setCommuneQuery(organisation.getCommuneCode() == null ? null
                : communes.findByInseeCode(organisation.getCommuneCode()).map(Commune::label).orElse(null));
        form.setContactEmail(organisation.getContactEmail());
        form.setVersion(organisation.getVersion());
        return form;
    }

    @Transactional
    public Organisation create(CurrentUser admin, OrganisationForm form) {
        if (!KINDS.contains(form.getKind())) {
            throw new RejectedChangeException("admin.organisation.kind.provider", "kind");
        }
        checkNameFree(form.getKind(), form.getName(), null);
        String communeCode = communeCode(form);
        Organisation organisation = new Organisation(form.getKind(), form.getName(), form.getDepartementCode(),
                communeCode);
        organisation.changeContactEmail(EmailAddresses.normalise(form.getContactEmail()));
        organisations.saveAndFlush(organisation);
        audit.record(admin.getUserId(), ENTITY, organisation.getId(), "CREATED", Changes.of()
                .created("kind", organisation.getKind())
                .created("name", organisation.getName())
                .created("departement", organisation.getDepartementCode())
                .created("commune", communeCode)
                .created("contactEmail", organisation.getContactEmail())
                .created("active", true));
        return organisation;
    }

    @Transactional
    public void update(CurrentUser admin, long id, long version, OrganisationForm form) {
        Organisation organisation = current(id, version);
        checkNameFree(organisation.getKind(), form.getName(), id);
        String communeCode = communeCode(form);
        String contactEmail = EmailAddresses.normalise(form.getContactEmail());
        Changes changes = Changes.of()
                .field("name", organisation.getName(), form.getName().strip())
                .field("departement", organisation.getDepartementCode(), form.getDepartementCode())
                .field("commune", organisation.getCommuneCode(), communeCode)
                .field("contactEmail", organisation.getContactEmail(), contactEmail);
        organisation.changeContactEmail(contactEmail);
        if (organisation.update(form.getName(), form.getDepartementCode(), communeCode)) {
            users.endSessionsOfOrganisation(id);
        }
        organisations.flush();
        audit.record(admin.getUserId(), ENTITY, id, "UPDATED", changes);
    }

    /**
     * Its users can no longer sign in and their sessions end, for good.
     *
     * @throws RejectedChangeException for the administrator's own organisation, or when it would leave no enabled
     *         administrator in an active organisation
     */
    @Transactional
    public void deactivate(CurrentUser admin, long id, long version) {
        Organisation organisation = current(id, version);
        if (!organisation.isActive()) {
            return;
        }
        if (id == admin.getOrganisationId()) {
            throw new RejectedChangeException("admin.organisation.deactivate.self");
        }
        List<Long> otherAdmins = jdbc.sql("""
                select u.id from user_account u join organisation o on o.id = u.organisation_id
                where u.role = 'ADMIN' and u.enabled and o.active and o.id <> ?
                order by u.id
                for update of u""").param(id).query(Long.class).list();
        if (otherAdmins.isEmpty()) {
            throw new RejectedChangeException("admin.user.last-admin");
        }
        organisation.deactivate();
        // The filter already refuses an inactive organisation; raising the stamps also keeps a reactivation from
        // reviving the sessions opened before.
        users.endSessionsOfOrganisation(id);
        organisations.flush();
        audit.record(admin.getUserId(), ENTITY, id, "DEACTIVATED", Changes.of().field("active", true, false));
    }

    @Transactional
    public void reactivate(CurrentUser admin, long id, long version) {
        Organisation organisation = current(id, version);
        if (organisation.isActive()) {
            return;
        }
        organisation.reactivate();
        organisations.flush();
        audit.record(admin.getUserId(), ENTITY, id, "REACTIVATED", Changes.of().field("active", false, true));
    }

    private Organisation current(long id, long version) {
        Organisation organisation = get(id);
        if (organisation.getVersion() != version) {
            throw new StaleDataException();
        }
        return organisation;
    }

    private void checkNameFree(OrganisationKind kind, String name, Long id) {
        organisations.findByKindAndName(kind, name.strip())
                .filter(existing -> !existing.getId().equals(id))
                .ifPresent(existing -> {
                    throw new RejectedChangeException("admin.organisation.name.taken", "name");
                });
    }

    /** The département must exist, and the commune, when given, must be one commune of that département. */
    private String communeCode(OrganisationForm form) {
        if (territory.findDepartement(form.getDepartementCode()).isEmpty()) {
            throw new RejectedChangeException("admin.organisation.departement.unknown", "departementCode");
        }
        if (form.getCommuneQuery() == null || form.getCommuneQuery().isBlank()) {
            return null;
        }
        Commune commune = resolve(communes, form.getCommuneQuery(), "communeQuery");
        if (!commune.departementCode().equals(form.getDepartementCode())) {
            throw new RejectedChangeException("admin.commune.other-departement", "communeQuery");
        }
        return commune.inseeCode();
    }

    /** One commune for what was typed, or a rejection on {@code field} saying why not. */
    public static Commune resolve(CommuneDirectory communes, String typed, String field) {
        CommuneResolution resolution = communes.resolve(typed);
        if (resolution instanceof CommuneResolution.Found found) {
            return found.commune();
        }
        throw new RejectedChangeException(resolution instanceof CommuneResolution.Ambiguous
                ? "admin.commune.ambiguous" : "admin.commune.unknown", field);
    }
}
