package fr.passerelle.provider;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.AuditedEntity;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.provider.label.AvipLabel;
import fr.passerelle.provider.label.AvipLabelEventKind;
import fr.passerelle.provider.label.AvipLabelRepository;
import fr.passerelle.provider.label.AvipLabelStatus;
import fr.passerelle.provider.label.IllegalLabelTransitionException;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.StaleDataException;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrators' changes to childminders and their AVIP labels. Each method is one transaction that makes the
 * change and writes its audit entry, or does neither. Stale versions are refused ({@link StaleDataException}), and
 * label changes of one childminder are serialised by a row lock so that two grants cannot race.
 */
@Service
public class ChildminderRegistry {

    public static final String CHILDMINDER = AuditedEntity.CHILDMINDER.name();
    static final String AVIP_LABEL = AuditedEntity.AVIP_LABEL.name();

    private final ChildminderRepository childminders;
    private final AvipLabelRepository labels;
    private final OrganisationRepository organisations;
    private final UserAccountRepository users;
    private final CommuneDirectory communes;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    ChildminderRegistry(ChildminderRepository childminders, AvipLabelRepository labels,
            OrganisationRepository organisations, UserAccountRepository users, CommuneDirectory communes,
            AuditTrail audit, JdbcClient jdbc, Clock clock) {
        this.childminders = childminders;
        this.labels = labels;
        this.organisations = organisations;
        this.users = users;
        this.communes = communes;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One line of a label's history, with the name of who did it. */
    public record LabelHistoryEntry(long labelId, AvipLabelEventKind kind, Instant occurredAt, String actorName,
            String reason) {
    }

    @Transactional(readOnly = true)
    public Childminder get(long id) {
        return childminders.findById(id).orElseThrow(NotFoundException::new);
    }

    /** The childminder's latest label, whatever its status. */
    @Transactional(readOnly = true)
    public Optional<AvipLabel> currentLabel(long childminderId) {
        return labels.findFirstByChildminderIdOrderByIdDesc(childminderId);
    }

    /** Every event of every label of the childminder, oldest first, in one statement. */
    @Transactional(readOnly = true)
    public List<LabelHistoryEntry> history(long childminderId) {
        return jdbc.sql("""
                        select e.label_id, e.kind, e.occurred_at, u.display_name, e.reason
                        from avip_label_event e
                        join avip_label l on l.id = e.label_id
                        left join user_account u on u.id = e.actor_id
                        where l.childminder_id = ?
                        order by e.occurred_at, e.id""")
                .param(childminderId)
                .query((row, n) -> new LabelHistoryEntry(row.getLong(1), AvipLabelEventKind.valueOf(row.getString(2)),
                        row.getTimestamp(3).toInstant(), row.getString(4), row.getString(5)))
                .list();
    }

    /** Registers a childminder and the one-person organisation their account will belong to. */
    @Transactional
    public Childminder register(CurrentUser admin, ChildminderDetails details) {
        requireUnusedAgreementNumber(details.agreementNumber(), null);
        Commune commune = commune(details);
        Organisation organisation = organisations.save(new Organisation(OrganisationKind.CHILDMINDER,
                organisationName(details), commune.departementCode(), commune.inseeCode()));
        Childminder childminder = childminders.save(Childminder.register(organisation, details));
        childminders.flush();
        audit.record(admin.getUserId(), CHILDMINDER, childminder.getId(), "CREATED", created(details));
        return childminder;
    }

    /**
     * The organisation of a childminder is named after them and their agreement number: two childminders may share
     * a name, never an agreement, and organisations of one kind never share a name.
     */
    public static String organisationName(ChildminderDetails details) {
        return details.firstName() + " " + details.lastName() + " (" + details.agreementNumber() + ")";
    }

    /**
     * Her organisation follows her name, agreement number and commune, so that her account and the registry agree;
     * when that moves her to another département, her sessions end.
     */
    @Transactional
    public void update(CurrentUser admin, long id, long version, ChildminderDetails details) {
        Childminder childminder = loadForChange(id, version);
        requireUnusedAgreementNumber(details.agreementNumber(), id);
        Commune commune = commune(details);
        ChildminderDetails before = childminder.details();
        childminder.change(details);
        Organisation organisation = childminder.getOrganisation();
        if (organisation.update(organisationName(details), commune.departementCode(), commune.inseeCode())) {
            users.endSessionsOfOrganisation(organisation.getId());
        }
        childminders.flush();
        organisations.flush();
        audit.record(admin.getUserId(), CHILDMINDER, id, "UPDATED", compare(before, childminder.details()));
    }

    @Transactional
    public void deactivate(CurrentUser admin, long id, long version) {
        Childminder childminder = loadForChange(id, version);
        childminder.deactivate();
        childminders.flush();
        audit.record(admin.getUserId(), CHILDMINDER, id, "DEACTIVATED", Changes.of().field("active", true, false));
    }

    @Transactional
    public void reactivate(CurrentUser admin, long id, long version) {
        Childminder childminder = loadForChange(id, version);
        childminder.reactivate();
        childminders.flush();
        audit.record(admin.getUserId(), CHILDMINDER, id, "REACTIVATED", Changes.of().field("active", false, true));
    }

    /**
     * Grants a new label. Refused while the current label is in force, not yet in force or suspended (renew or
     * reinstate it instead), and after a revocation, which is final.
     *
     * @param seenLabelId the current label the administrator's page showed, 0 for none. It is compared under the
     *                    childminder's row lock, so that of two administrators granting at once, the second is told
     *                    the page is stale rather than granting a second label on top of the first
     * @throws StaleDataException when another label was granted since the page was shown
     */
    @Transactional
    public AvipLabel grantLabel(CurrentUser admin, long childminderId, long seenLabelId, LocalDate validFrom,
            LocalDate validTo) {
        Childminder childminder = childminders.findForUpdate(childminderId).orElseThrow(NotFoundException::new);
        Optional<AvipLabel> current = labels.findFirstByChildminderIdOrderByIdDesc(childminderId);
        if (current.map(AvipLabel::getId).orElse(0L) != seenLabelId) {
            throw new StaleDataException();
        }
        if (current.isPresent()) {
            AvipLabelStatus status = current.get().statusOn(today());
            if (status != AvipLabelStatus.EXPIRED) {
                throw new IllegalLabelTransitionException("A label can be granted only when none is current, not "
                        + status);
            }
        }
        AvipLabel label = labels.save(AvipLabel.grant(childminder, validFrom, validTo, clock.instant(),
                admin.getUserId()));
        labels.flush();
        audit.record(admin.getUserId(), AVIP_LABEL, label.getId(), "LABEL_GRANTED", Changes.of()
                .created("childminder", childminderId).created("validFrom", validFrom).created("validTo", validTo));
        return label;
    }

    @Transactional
    public void renewLabel(CurrentUser admin, long childminderId, long labelVersion, LocalDate validTo) {
        LocalDate today = today();
        changeLabel(admin, childminderId, labelVersion, "LABEL_RENEWED", label -> {
            LocalDate before = label.getValidTo();
            label.renew(validTo, today, clock.instant(), admin.getUserId());
            return Changes.of().field("validTo", before, validTo);
        });
    }

    @Transactional
    public void suspendLabel(CurrentUser admin, long childminderId, long labelVersion, String reason) {
        changeLabel(admin, childminderId, labelVersion, "LABEL_SUSPENDED", label -> {
            AvipLabelStatus before = label.statusOn(today());
            label.suspend(reason, today(), clock.instant(), admin.getUserId());
            return Changes.of().field("status", before, AvipLabelStatus.SUSPENDED)
                    .created("reason", reason.trim());
        });
    }

    @Transactional
    public void reinstateLabel(CurrentUser admin, long childminderId, long labelVersion) {
        changeLabel(admin, childminderId, labelVersion, "LABEL_REINSTATED", label -> {
            String reason = label.getSuspensionReason();
            label.reinstate(clock.instant(), admin.getUserId());
            return Changes.of().field("status", AvipLabelStatus.SUSPENDED, label.statusOn(today()))
                    .field("reason", reason, null);
        });
    }

    @Transactional
    public void revokeLabel(CurrentUser admin, long childminderId, long labelVersion, String reason) {
        changeLabel(admin, childminderId, labelVersion, "LABEL_REVOKED", label -> {
            AvipLabelStatus before = label.statusOn(today());
            label.revoke(reason, clock.instant(), admin.getUserId());
            return Changes.of().field("status", before, AvipLabelStatus.REVOKED).created("reason", reason.trim());
        });
    }

    /** What a label change computes for the audit trail, once the change is made. */
    private interface LabelChange {
        Changes apply(AvipLabel label);
    }

    private void changeLabel(CurrentUser admin, long childminderId, long labelVersion, String action,
            LabelChange change) {
        childminders.findForUpdate(childminderId).orElseThrow(NotFoundException::new);
        AvipLabel label = labels.findFirstByChildminderIdOrderByIdDesc(childminderId)
                .orElseThrow(() -> new IllegalLabelTransitionException("The childminder has no label"));
        if (label.getVersion() != labelVersion) {
            throw new StaleDataException();
        }
        Changes changes;
        try {
            changes = change.apply(label);
        }
        catch (IllegalStateException ex) {
            throw new IllegalLabelTransitionException(ex.getMessage());
        }
        labels.flush();
        audit.record(admin.getUserId(), AVIP_LABEL, label.getId(), action, changes);
    }

    private Childminder loadForChange(long id, long version) {
        Childminder childminder = childminders.findById(id).orElseThrow(NotFoundException::new);
        if (childminder.getVersion() != version) {
            throw new StaleDataException();
        }
        return childminder;
    }

    private void requireUnusedAgreementNumber(String agreementNumber, Long ownId) {
        childminders.findByAgreementNumberIgnoringCase(agreementNumber)
                .filter(other -> !other.getId().equals(ownId))
                .ifPresent(other -> {
                    throw new DuplicateAgreementNumberException(agreementNumber);
                });
    }

    private Commune commune(ChildminderDetails details) {
        return communes.findByInseeCode(details.communeCode())
                .orElseThrow(() -> new IllegalArgumentException("Unknown commune " + details.communeCode()));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** What the audit trail keeps of a childminder entered in the registry, by the form or by an import. */
    public static Changes created(ChildminderDetails details) {
        return compare(new ChildminderDetails(null, null, null, null, 0, 0, null, 0, 0, null, null, null), details);
    }

    /** Field by field, what changed: what the audit trail keeps. */
    private static Changes compare(ChildminderDetails before, ChildminderDetails after) {
        boolean creating = before.lastName() == null;
        return Changes.of()
                .field("lastName", before.lastName(), after.lastName())
                .field("firstName", before.firstName(), after.firstName())
                .field("agreementNumber", before.agreementNumber(), after.agreementNumber())
                .field("agreementEndDate", before.agreementEndDate(), after.agreementEndDate())
                .field("childrenAllowed", creating ? null : before.childrenAllowed(), after.childrenAllowed())
                .field("avipPlaces", creating ? null : before.avipPlaces(), after.avipPlaces())
                .field("communeCode", before.communeCode(), after.communeCode())
                .field("minAgeMonths", creating ? null : before.minAgeMonths(), after.minAgeMonths())
                .field("maxAgeMonths", creating ? null : before.maxAgeMonths(), after.maxAgeMonths())
                .field("phone", before.phone(), after.phone())
                .field("email", before.email(), after.email())
                .field("availabilityNotes", before.availabilityNotes(), after.availabilityNotes());
    }
}
