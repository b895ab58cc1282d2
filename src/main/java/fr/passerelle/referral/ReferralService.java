package fr.passerelle.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.StaleDataException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an advisor does with their organisation's referrals. Every method checks the referral is theirs. */
@Service
public class ReferralService {

    private final ReferralRepository referrals;
    private final UserAccountRepository users;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ReferralService(ReferralRepository referrals, UserAccountRepository users, JdbcClient jdbc, Clock clock,
            ApplicationEventPublisher events) {
        this.referrals = referrals;
        this.users = users;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Files a new draft, or returns the one this form already filed: the same form posted twice files once.
     */
    @Transactional
    public Referral create(CurrentUser advisor, UUID creationToken, ReferralDetails details, boolean submit) {
        Optional<Referral> existing = referrals.findByCreationToken(creationToken);
        if (existing.isPresent()) {
            return ownedBy(advisor, existing.get());
        }
        UserAccount actor = actor(advisor);
        Referral referral = Referral.draft(actor, creationToken, details, now(), LocalDate.now(clock));
        if (submit) {
            referral.submit(actor, now());
            requireServed(referral);
        }
        return referrals.saveAndFlush(referral);
    }

    /** After a concurrent double submission lost the race on the creation token: the referral the winner filed. */
    @Transactional(readOnly = true)
    public Referral findByCreationToken(CurrentUser advisor, UUID creationToken) {
        return findFiledWith(advisor, creationToken).orElseThrow(NotFoundException::new);
    }

    /** The referral a new-referral form already filed, if that form was posted before. */
    @Transactional(readOnly = true)
    public Optional<Referral> findFiledWith(CurrentUser advisor, UUID creationToken) {
        return referrals.findByCreationToken(creationToken).map(referral -> ownedBy(advisor, referral));
    }

    /** Saves the changes and, when asked, sends the draft to the Caf, in one transaction. */
    @Transactional
    public Referral update(CurrentUser advisor, long id, long version, ReferralDetails details, boolean submit) {
        Referral referral = current(advisor, id, version);
        UserAccount actor = actor(advisor);
        referral.update(details, actor, LocalDate.now(clock));
        if (submit) {
            referral.submit(actor, now());
            requireServed(referral);
        }
        referrals.flush();
        return referral;
    }

    @Transactional
    public Referral submit(CurrentUser advisor, long id, long version) {
        Referral referral = current(advisor, id, version);
        referral.submit(actor(advisor), now());
        requireServed(referral);
        return referral;
    }

    @Transactional
    public Referral answerInformationRequest(CurrentUser advisor, long id, long version, String answer) {
        Referral referral = current(advisor, id, version);
        referral.answerInformationRequest(actor(advisor), answer, now());
        requireServed(referral);
        return referral;
    }

    /**
     * Withdraws the referral and publishes {@link ReferralWithdrawn} in the same transaction: routing cancels a
     * pending offer and frees any place held before it commits. The referral's row is locked first, as every
     * change of its offers does (referral, then offer, then provider), so that a withdrawal and a provider's answer
     * at once wait for each other instead of deadlocking.
     */
    @Transactional
    public Referral withdraw(CurrentUser advisor, long id, long version, String reason) {
        Referral referral = ownedBy(advisor, referrals.findByIdForUpdate(id).orElseThrow(NotFoundException::new));
        if (referral.getVersion() != version) {
            throw new StaleDataException();
        }
        ReferralStatus previous = referral.getStatus();
        Instant now = now();
        referral.withdraw(actor(advisor), reason, now);
        referrals.flush();
        events.publishEvent(new ReferralWithdrawn(referral.getId(), previous, now));
        return referral;
    }

    /**
     * Records the outcome and closes the referral, once the care has started. Listeners of {@link ReferralClosed}
     * (routing frees the places held) act in this transaction.
     *
     * @throws NotFoundException when the referral is not the advisor's organisation's
     * @throws IllegalReferralTransitionException when no care is arranged (any more)
     * @throws OutcomeTooEarlyException before the care's first day
     * @throws IllegalArgumentException without an outcome, or {@code OTHER} without a comment
     */
    @Transactional
    public void recordOutcome(CurrentUser advisor, long id, Outcome outcome, String comment) {
        if (advisor.getRole() != Role.ADVISOR) {
            throw new NotFoundException();
        }
        Referral referral = ownedBy(advisor, referrals.findByIdForUpdate(id).orElseThrow(NotFoundException::new));
        if (referral.getStatus() != ReferralStatus.CARE_ARRANGED) {
            throw new IllegalReferralTransitionException(referral.getStatus(), ReferralStatus.CLOSED);
        }
        if (LocalDate.now(clock).isBefore(referral.getFirstDay())) {
            throw new OutcomeTooEarlyException(id);
        }
        Instant now = now();
        referral.close(actor(advisor), outcome, comment, now);
        referrals.flush();
        events.publishEvent(new ReferralClosed(id, outcome, now));
    }

    /** Whether a Caf of this département uses Passerelle: a referral sent elsewhere would wait in nobody's queue. */
    @Transactional(readOnly = true)
    public boolean isServedByACaf(String departementCode) {
        return jdbc.sql("""
                        select exists (select 1 from organisation
                                       where kind = 'CAF' and active and departement_code = ?)""")
                .param(departementCode).query(Boolean.class).single();
    }

    /**
     * The reason of the latest decision, when the family was found not eligible: the key of its label
     * ({@code eligibility.reason.<REASON>}), for the advisor's page.
     */
    @Transactional(readOnly = true)
    public Optional<String> ineligibilityReason(long referralId) {
        return jdbc.sql("""
                        select reason from eligibility_decision
                        where referral_id = ? and outcome = 'INELIGIBLE'
                        order by decided_at desc, id desc limit 1""")
                .param(referralId).query(String.class).optional();
    }

    /** The advisor's organisation's referral, children loaded; 404 for any other. */
    @Transactional(readOnly = true)
    public Referral get(CurrentUser advisor, long id) {
        Referral referral = ownedBy(advisor, referrals.findDetailedById(id).orElseThrow(NotFoundException::new));
        referral.getChildren().size();
        return referral;
    }

    @Transactional(readOnly = true)
    public List<ReferralTransition> timeline(long referralId) {
        return referrals.findTimeline(referralId);
    }

    /**
     * Other open referrals for one of these children (same first name and birth date, same parent by France Travail
     * identifier or name) whose dates overlap.
     */
    @Transactional(readOnly = true)
    public List<DuplicateReferral> findDuplicates(CurrentUser advisor, ReferralDetails details, Long excludedId) {
        if (details.firstDay() == null || details.children() == null || details.children().isEmpty()) {
            return List.of();
        }
        LocalDate lastDay = details.lastDay() == null ? details.firstDay() : details.lastDay();
        String parentName = Referral.parentSearchName(details.parentLastName(), details.parentFirstName());
        return details.children().stream()
                .flatMap(child -> jdbc.sql("""
                        select distinct r.id, r.organisation_id, o.name, r.status, r.first_day
                        from referral r
                        join referral_child c on c.referral_id = r.id
                        join organisation o on o.id = r.organisation_id
                        where c.birth_date = :birthDate and lower(c.first_name) = lower(:firstName)
                          and (r.france_travail_id = :franceTravailId or r.parent_search_name = :parentName)
                          and r.status in (:openStatuses)
                          and (r.status <> 'DRAFT' or r.organisation_id = :organisationId)
                          and r.first_day <= :lastDay and coalesce(r.last_day, r.first_day) >= :firstDay
                          and r.id <> :excludedId
                        """)
                        .param("openStatuses", ReferralStatus.openStatuses().stream().map(Enum::name).toList())
                        .param("birthDate", child.birthDate())
                        .param("firstName", child.firstName().trim())
                        .param("franceTravailId", details.franceTravailId())
                        .param("parentName", parentName)
                        .param("organisationId", advisor.getOrganisationId())
                        .param("lastDay", lastDay)
                        .param("firstDay", details.firstDay())
                        .param("excludedId", excludedId == null ? -1L : excludedId)
                        .query((rs, row) -> new DuplicateReferral(rs.getLong(1),
                                rs.getLong(2) == advisor.getOrganisationId(), rs.getString(3),
                                ReferralStatus.valueOf(rs.getString(4)), rs.getObject(5, LocalDate.class)))
                        .list().stream())
                .distinct()
                .toList();
    }

    /** Checked once the referral is otherwise ready to go, so that an incomplete one says what it lacks first. */
    private void requireServed(Referral referral) {
        if (!isServedByACaf(referral.getDepartementCode())) {
            throw new UnservedTerritoryException(referral.getDepartementCode());
        }
    }

    private Referral current(CurrentUser advisor, long id, long version) {
        Referral referral = ownedBy(advisor, referrals.findById(id).orElseThrow(NotFoundException::new));
        if (referral.getVersion() != version) {
            throw new StaleDataException();
        }
        return referral;
    }

    private static Referral ownedBy(CurrentUser advisor, Referral referral) {
        if (!referral.getOrganisation().getId().equals(advisor.getOrganisationId())) {
            throw new NotFoundException();
        }
        return referral;
    }

    private UserAccount actor(CurrentUser user) {
        return users.getReferenceById(user.getUserId());
    }

    private Instant now() {
        return clock.instant();
    }
}
