package fr.passerelle.relais;

import java.util.Comparator;
import java.util.List;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.AuditedEntity;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationAdministration;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The communes a relais covers, as the Caf's administrators keep them: only a relais of their own département, only
 * communes of it (the Passerelle administration's administrators, any). Every change is audited.
 */
@Service
public class RelaisCommunes {

    static final String ENTITY = AuditedEntity.RELAIS.name();

    /** A relais covers a few dozen communes at most; the bound keeps the page and the query small. */
    static final int MAX_COMMUNES = 200;

    private final OrganisationRepository organisations;
    private final CommuneDirectory communes;
    private final AuditTrail audit;
    private final JdbcClient jdbc;

    RelaisCommunes(OrganisationRepository organisations, CommuneDirectory communes, AuditTrail audit,
            JdbcClient jdbc) {
        this.organisations = organisations;
        this.communes = communes;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /** @throws NotFoundException for an unknown id, another kind, or a relais of another département */
    @Transactional(readOnly = true)
    public Organisation relais(CurrentUser admin, long relaisId) {
        Organisation relais = organisations.findById(relaisId)
                .filter(organisation -> organisation.getKind() == OrganisationKind.RELAIS_PETITE_ENFANCE)
                .orElseThrow(NotFoundException::new);
        if (admin.getOrganisationKind() != OrganisationKind.ADMINISTRATION
                && !relais.getDepartementCode().equals(admin.getDepartementCode())) {
            throw new NotFoundException();
        }
        return relais;
    }

    /** The communes it covers, by name. */
    @Transactional(readOnly = true)
    public List<Commune> covered(long relaisId) {
        List<String> codes = jdbc.sql("""
                        select commune_code from relais_commune where relais_organisation_id = ?
                        order by commune_code limit ?""")
                .params(relaisId, MAX_COMMUNES).query(String.class).list();
        return communes.findAllByInseeCodes(codes).values().stream()
                .sorted(Comparator.comparing(Commune::name)).toList();
    }

    /** @throws RejectedChangeException on {@code communeQuery}: unknown, ambiguous, other département, already there */
    @Transactional
    public void add(CurrentUser admin, long relaisId, String typed) {
        Organisation relais = lock(admin, relaisId);
        if (typed == null || typed.isBlank()) {
            throw new RejectedChangeException("relais.communes.required", "communeQuery");
        }
        Commune commune = OrganisationAdministration.resolve(communes, typed, "communeQuery");
        if (!commune.departementCode().equals(relais.getDepartementCode())) {
            throw new RejectedChangeException("admin.commune.other-departement", "communeQuery");
        }
        long count = jdbc.sql("select count(*) from relais_commune where relais_organisation_id = ?")
                .param(relaisId).query(Long.class).single();
        if (count >= MAX_COMMUNES) {
            throw new RejectedChangeException("relais.communes.tooMany", "communeQuery", MAX_COMMUNES);
        }
        int added = jdbc.sql("""
                        insert into relais_commune (relais_organisation_id, commune_code) values (?, ?)
                        on conflict do nothing""")
                .params(relaisId, commune.inseeCode()).update();
        if (added == 0) {
            throw new RejectedChangeException("relais.communes.already", "communeQuery");
        }
        audit.record(admin.getUserId(), ENTITY, relaisId, "COMMUNE_ADDED",
                Changes.of().created("commune", commune.inseeCode()));
    }

    @Transactional
    public void remove(CurrentUser admin, long relaisId, String communeCode) {
        lock(admin, relaisId);
        int removed = jdbc.sql("delete from relais_commune where relais_organisation_id = ? and commune_code = ?")
                .params(relaisId, communeCode).update();
        if (removed > 0) {
            audit.record(admin.getUserId(), ENTITY, relaisId, "COMMUNE_REMOVED",
                    Changes.of().field("commune", communeCode, null));
        }
    }

    /** Serialises the changes of one relais's communes (the bound is checked under the lock). */
    private Organisation lock(CurrentUser admin, long relaisId) {
        Organisation relais = relais(admin, relaisId);
        jdbc.sql("select id from organisation where id = ? for update").param(relaisId).query(Long.class).single();
        return relais;
    }
}
