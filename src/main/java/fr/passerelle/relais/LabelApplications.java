package fr.passerelle.relais;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.AuditedEntity;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.provider.label.AvipLabel;
import fr.passerelle.provider.label.AvipLabelStatus;
import fr.passerelle.provider.label.IllegalLabelTransitionException;
import fr.passerelle.system.DatePolicy;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of a label application, each one transaction that makes the change and writes its audit entry: the
 * childminder applies (or withdraws), the facilitator of her relais gives an opinion, a Caf administrator of her
 * département grants — through {@link ChildminderRegistry#grantLabel}, the label lifecycle's own grant, with its date
 * rules ({@link DatePolicy}) — or refuses with a reason. Each step checks the version the page showed, and locks the
 * application's row, so that of two decisions at once the second finds it decided.
 */
@Service
public class LabelApplications {

    static final String ENTITY = AuditedEntity.LABEL_APPLICATION.name();

    private final LabelApplicationRepository applications;
    private final ChildminderRegistry registry;
    private final RelaisScope scope;
    private final CommuneDirectory communes;
    private final DatePolicy dates;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    LabelApplications(LabelApplicationRepository applications, ChildminderRegistry registry, RelaisScope scope,
            CommuneDirectory communes, DatePolicy dates, AuditTrail audit, ApplicationEventPublisher events,
            JdbcClient jdbc, Clock clock) {
        this.applications = applications;
        this.registry = registry;
        this.scope = scope;
        this.communes = communes;
        this.dates = dates;
        this.audit = audit;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What the childminder wrote in her application. */
    public record Request(String availability, Set<DayOfWeek> days, int minAgeMonths, int maxAgeMonths) {
    }

    /** The signed-in childminder's id in the registry. */
    @Transactional(readOnly = true)
    public long childminderOf(CurrentUser provider) {
        if (provider.getRole() != Role.PROVIDER || provider.getOrganisationKind() != OrganisationKind.CHILDMINDER) {
            throw new NotFoundException();
        }
        return jdbc.sql("select id from childminder where organisation_id = ?").param(provider.getOrganisationId())
                .query(Long.class).optional().orElseThrow(NotFoundException::new);
    }

    /** Her latest application, if any. */
    @Transactional(readOnly = true)
    public Optional<LabelApplication> latest(long childminderId) {
        return applications.findFirstByChildminderIdOrderByIdDesc(childminderId);
    }

    /**
     * Files her application. Refused when one is already open (a double click files once: the unique index),
     * or while her label is in force.
     *
     * @throws RejectedChangeException with the message to show
     */
    @Transactional
    public LabelApplication apply(CurrentUser provider, Request request) {
        long childminderId = childminderOf(provider);
        Childminder childminder = registry.get(childminderId);
        if (!childminder.isActive()) {
            throw new RejectedChangeException("labelApplication.inactive");
        }
        if (childminder.getAgreementEndDate().isBefore(today())) {
            throw new RejectedChangeException("labelApplication.agreementLapsed");
        }
        if (request.maxAgeMonths() < request.minAgeMonths()) {
            throw new RejectedChangeException("labelApplication.ages.order", "maxAgeMonths");
        }
        Optional<AvipLabelStatus> label = registry.currentLabel(childminderId).map(l -> l.statusOn(today()));
        if (label.isPresent() && label.get() != AvipLabelStatus.EXPIRED) {
            throw new RejectedChangeException("labelApplication.alreadyLabelled");
        }
        if (latest(childminderId).filter(open -> open.getStatus().isOpen()).isPresent()) {
            throw new RejectedChangeException("labelApplication.alreadyOpen");
        }
        var relais = scope.relaisCovering(childminder.getCommuneCode());
        LabelApplication application;
        try {
            application = applications.saveAndFlush(LabelApplication.submit(childminderId,
                    childminder.getOrganisation().getDepartementCode(), request.availability(), request.days(),
                    request.minAgeMonths(), request.maxAgeMonths(), now(), provider.getUserId(), !relais.isEmpty()));
        }
        catch (DataIntegrityViolationException ex) {
            // Posted twice at once: the other request filed it.
            throw new RejectedChangeException("labelApplication.alreadyOpen");
        }
        audit.record(provider.getUserId(), ENTITY, application.getId(), "SUBMITTED", Changes.of()
                .created("childminder", childminderId).created("status", application.getStatus())
                .created("minAgeMonths", request.minAgeMonths()).created("maxAgeMonths", request.maxAgeMonths()));
        String communeLabel = communes.findByInseeCode(childminder.getCommuneCode()).map(Commune::label)
                .orElse(childminder.getCommuneCode());
        events.publishEvent(new LabelApplicationSubmitted(application.getId(), relais, communeLabel));
        return application;
    }

    @Transactional
    public void withdraw(CurrentUser provider, long applicationId, long version) {
        long childminderId = childminderOf(provider);
        LabelApplication application = current(applicationId, version);
        if (application.getChildminderId() != childminderId) {
            throw new NotFoundException();
        }
        LabelApplicationStatus before = application.getStatus();
        application.withdraw();
        applications.flush();
        audit.record(provider.getUserId(), ENTITY, applicationId, "WITHDRAWN",
                Changes.of().field("status", before, application.getStatus()));
    }

    /** An application the facilitator may see: of a childminder of her relais's communes. */
    @Transactional(readOnly = true)
    public LabelApplication forFacilitator(CurrentUser facilitator, long applicationId) {
        LabelApplication application = applications.findById(applicationId).orElseThrow(NotFoundException::new);
        scope.requireChildminder(facilitator, application.getChildminderId());
        return application;
    }

    /** @throws IllegalArgumentException for an unfavourable opinion without a comment */
    @Transactional
    public void giveOpinion(CurrentUser facilitator, long applicationId, long version, Opinion opinion,
            String comment) {
        LabelApplication application = current(applicationId, version);
        scope.requireChildminder(facilitator, application.getChildminderId());
        application.giveOpinion(opinion, comment, now(), facilitator.getUserId());
        applications.flush();
        audit.record(facilitator.getUserId(), ENTITY, applicationId, "OPINION_GIVEN", Changes.of()
                .created("opinion", opinion).field("status", LabelApplicationStatus.AWAITING_OPINION,
                        application.getStatus()));
    }

    /** An application the administrator may decide: of her département (the administration's, any). */
    @Transactional(readOnly = true)
    public LabelApplication forAdmin(CurrentUser admin, long applicationId) {
        LabelApplication application = applications.findById(applicationId).orElseThrow(NotFoundException::new);
        requireAdminScope(admin, application);
        return application;
    }

    /**
     * Grants the label through the label lifecycle, for those dates.
     *
     * @throws RejectedChangeException for dates out of the {@link DatePolicy} (on {@code validFrom} or
     *         {@code validTo}) or a label already in force
     * @throws StaleDataException when the application changed since the page was shown (decided by someone else)
     */
    @Transactional
    public AvipLabel grant(CurrentUser admin, long applicationId, long version, LocalDate validFrom,
            LocalDate validTo) {
        LabelApplication application = current(applicationId, version);
        requireAdminScope(admin, application);
        if (!application.getStatus().isOpen()) {
            throw new IllegalApplicationTransitionException("Already decided");
        }
        Childminder childminder = registry.get(application.getChildminderId());
        checkDates(validFrom, validTo, childminder.getAgreementEndDate());
        long seen = registry.currentLabel(childminder.getId()).map(AvipLabel::getId).orElse(0L);
        AvipLabel label;
        try {
            label = registry.grantLabel(admin, childminder.getId(), seen, validFrom, validTo);
        }
        catch (IllegalLabelTransitionException ex) {
            throw new RejectedChangeException("labelApplication.grant.labelInForce");
        }
        LabelApplicationStatus before = application.getStatus();
        application.grant(label.getId(), now(), admin.getUserId());
        applications.flush();
        audit.record(admin.getUserId(), ENTITY, applicationId, "GRANTED", Changes.of()
                .field("status", before, application.getStatus()).created("label", label.getId())
                .created("validFrom", validFrom).created("validTo", validTo));
        return label;
    }

    @Transactional
    public void refuse(CurrentUser admin, long applicationId, long version, String reason) {
        LabelApplication application = current(applicationId, version);
        requireAdminScope(admin, application);
        LabelApplicationStatus before = application.getStatus();
        application.refuse(reason, now(), admin.getUserId());
        applications.flush();
        audit.record(admin.getUserId(), ENTITY, applicationId, "REFUSED", Changes.of()
                .field("status", before, application.getStatus()).created("reason", reason.strip()));
    }

    /** The dates the grant form proposes: from today, the default validity, never past the agreement. */
    @Transactional(readOnly = true)
    public LocalDate[] proposedDates(LabelApplication application, java.time.Period validity) {
        LocalDate today = today();
        LocalDate end = today.plus(validity).minusDays(1);
        LocalDate agreementEnd = registry.get(application.getChildminderId()).getAgreementEndDate();
        if (agreementEnd.isBefore(end)) {
            end = agreementEnd;
        }
        LocalDate limit = dates.labelEndLimit(today);
        return new LocalDate[] {today, end.isAfter(limit) ? limit : end};
    }

    private void checkDates(LocalDate validFrom, LocalDate validTo, LocalDate agreementEnd) {
        if (validFrom == null) {
            throw new RejectedChangeException("label.grant.from.required", "validFrom");
        }
        if (validTo == null) {
            throw new RejectedChangeException("label.grant.to.required", "validTo");
        }
        if (validTo.isBefore(validFrom)) {
            throw new RejectedChangeException("label.grant.dates.order", "validTo");
        }
        Optional<DatePolicy.Refusal> start = dates.checkLabelStart(validFrom, today());
        if (start.isPresent()) {
            throw new RejectedChangeException(start.get().code(), "validFrom", start.get().arguments());
        }
        Optional<DatePolicy.Refusal> end = dates.checkLabelEnd(validFrom, validTo, agreementEnd);
        if (end.isPresent()) {
            throw new RejectedChangeException(end.get().code(), "validTo", end.get().arguments());
        }
    }

    private static void requireAdminScope(CurrentUser admin, LabelApplication application) {
        if (admin.getRole() != Role.ADMIN) {
            throw new AccessDeniedException("Reserved to administrators");
        }
        if (admin.getOrganisationKind() != OrganisationKind.ADMINISTRATION
                && !application.getDepartementCode().equals(admin.getDepartementCode())) {
            throw new NotFoundException();
        }
    }

    /** Locked, and as the page showed it. */
    private LabelApplication current(long applicationId, long version) {
        LabelApplication application = applications.findForUpdate(applicationId)
                .orElseThrow(NotFoundException::new);
        if (application.getVersion() != version) {
            throw new StaleDataException();
        }
        return application;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
