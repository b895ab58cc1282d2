package fr.passerelle.routing.queue;

import java.sql.Date;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;
import fr.passerelle.routing.ProviderKind;
import fr.passerelle.routing.offer.OfferViews;
import fr.passerelle.routing.offer.TimeLeft;
import fr.passerelle.system.CappedCounts;
import fr.passerelle.system.NotFoundException;

import org.springframework.data.domain.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The officer's and the provider's queues: counts for the home pages, the referrals to route and the offers
 * waiting for an answer. Officers see their Caf's département, providers their organisation. Each count is one
 * statement, each list two (rows and count), served by the indexes of {@code V10__routing.sql}. A named interface
 * ({@code queue}): the home pages and the daily digest show its counts.
 */
@Service
@NamedInterface("queue")
public class RoutingQueues {

    public static final int PAGE_SIZE = 20;

    /**
     * The officer's home page figures for their département.
     *
     * @param toReview referrals sent to the Caf waiting for a decision
     * @param toRoute eligible referrals waiting for an offer
     * @param offersPending offers waiting for an answer (overdue ones included)
     * @param overdue pending offers past their deadline (the expiry job has not run yet)
     * @param careArrangedThisWeek arranged care whose first day falls this week, Monday to Sunday
     */
    public record OfficerCounts(long toReview, long toRoute, long offersPending, long overdue,
            long careArrangedThisWeek) {
    }

    /**
     * The provider's home page figures.
     *
     * @param pending offers waiting for the provider's answer
     * @param accepted accepted offers whose care has not ended yet
     */
    public record ProviderCounts(long pending, long accepted) {
    }

    /**
     * An eligible referral waiting to be routed.
     *
     * @param returned it came back after a decline or an expiry (listed first)
     * @param queuedAt when it (re)entered the routing queue
     * @param offersSoFar offers already sent for it (declined or expired)
     * @param handOnReturnReason why the automatic hand-on gave it back ({@code NO_CANDIDATE}, {@code HOP_LIMIT},
     *     {@code STOPPED}), or null
     */
    public record ReferralToRoute(long referralId, CareNeed need, Purpose purpose, String communeCode,
            String communeName, LocalDate firstDay, LocalDate lastDay, int children, boolean emergency,
            boolean returned, Instant queuedAt, int offersSoFar, String handOnReturnReason) {
    }

    /**
     * An offer waiting for an answer, in the officer's département.
     *
     * @param overdue its deadline has passed
     */
    public record PendingOffer(long offerId, long referralId, ProviderKind providerKind, String providerName,
            Instant sentAt, Instant deadlineAt, boolean overdue, boolean emergency) {

        /** The time left to answer at {@code now}, or how late the answer is. */
        public TimeLeft timeLeft(Instant now) {
            return TimeLeft.until(deadlineAt, now);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    RoutingQueues(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @throws NotFoundException when the user is not a Caf officer */
    @Transactional(readOnly = true)
    public OfficerCounts officerCounts(CurrentUser officer) {
        requireRole(officer, Role.CAF_OFFICER);
        return departementCounts(officer.getDepartementCode());
    }

    /** The counts of a Caf officer's home page for a département (the daily digest's too). */
    @Transactional(readOnly = true)
    public OfficerCounts departementCounts(String departementCode) {
        LocalDate today = LocalDate.now(clock);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        // Each count stops at CappedCounts.CAP, on a partial index of what is open (V4, V10, V12).
        return jdbc.sql("select "
                        + CappedCounts.of("""
                                select 1 from referral where departement_code = :dep and status = 'SUBMITTED'
                                  and submitted_at is not null""") + ", "
                        + CappedCounts.of("""
                                select 1 from referral where departement_code = :dep and status = 'ELIGIBLE'""")
                        + ", "
                        + CappedCounts.of("""
                                select 1 from offer where departement_code = :dep and status = 'PENDING'""") + ", "
                        + CappedCounts.of("""
                                select 1 from offer where departement_code = :dep and status = 'PENDING'
                                  and deadline_at <= :now""") + ", "
                        + CappedCounts.of("""
                                select 1 from referral where departement_code = :dep and status = 'CARE_ARRANGED'
                                  and first_day between :monday and :sunday"""))
                .param("dep", departementCode)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("monday", Date.valueOf(monday))
                .param("sunday", Date.valueOf(monday.plusDays(6)))
                .query((rs, n) -> new OfficerCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)))
                .single();
    }

    /**
     * The provider's home page figures, each read with {@link CappedCounts}: a provider's accepted offers pile up over
     * the years (a busy service's thousands were read and joined to their referrals at each view).
     *
     * @throws NotFoundException when the user is not a provider
     */
    @Transactional(readOnly = true)
    public ProviderCounts providerCounts(CurrentUser provider) {
        requireRole(provider, Role.PROVIDER);
        return jdbc.sql("select " + CappedCounts.of(PROVIDER_PENDING) + ", " + CappedCounts.of("""
                        select 1 from offer o join referral r on r.id = o.referral_id
                        where o.provider_organisation_id = :organisation and o.status = 'ACCEPTED'
                          and r.status = 'CARE_ARRANGED' and coalesce(r.last_day, r.first_day) >= :today"""))
                .param("organisation", provider.getOrganisationId())
                .param("today", Date.valueOf(LocalDate.now(clock)))
                .query((rs, n) -> new ProviderCounts(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    /**
     * The offers waiting for the provider's answer, read with {@link CappedCounts} from {@code offer_provider_queue_idx}:
     * the offers page's tab, which needs no other figure.
     *
     * @throws NotFoundException when the user is not a provider
     */
    @Transactional(readOnly = true)
    public long providerPendingCount(CurrentUser provider) {
        requireRole(provider, Role.PROVIDER);
        return jdbc.sql("select " + CappedCounts.of(PROVIDER_PENDING))
                .param("organisation", provider.getOrganisationId())
                .query(Long.class)
                .single();
    }

    private static final String PROVIDER_PENDING = """
            select 1 from offer o where o.provider_organisation_id = :organisation and o.status = 'PENDING'""";

    /**
     * The département's eligible referrals: those back after a decline or an expiry first, then emergencies, then
     * the longest waiting. Served by {@code referral_routing_queue_idx}.
     *
     * @param page zero-based
     * @throws NotFoundException when the user is not a Caf officer
     */
    @Transactional(readOnly = true)
    public Page<ReferralToRoute> toRoute(CurrentUser officer, int page) {
        requireRole(officer, Role.CAF_OFFICER);
        long total = jdbc.sql("select count(*) from referral where departement_code = ? and status = 'ELIGIBLE'")
                .param(officer.getDepartementCode()).query(Long.class).single();
        return SqlPages.page(page, PAGE_SIZE, total, (limit, offset) -> jdbc.sql("""
                        select r.id, r.need, r.purpose, r.commune_code, m.name, r.first_day,
                               coalesce(r.last_day, r.first_day),
                               (select count(*) from referral_child c where c.referral_id = r.id),
                               r.emergency, r.routing_returned, r.routing_queued_at,
                               (select count(*) from offer o where o.referral_id = r.id),
                               (select h.return_reason from hand_on_chain h where h.referral_id = r.id)
                        from referral r
                        left join commune m on m.insee_code = r.commune_code
                        where r.departement_code = :dep and r.status = 'ELIGIBLE'
                        order by r.routing_returned desc, r.emergency desc, r.routing_queued_at, r.id
                        limit :limit offset :offset""")
                .param("dep", officer.getDepartementCode())
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> new ReferralToRoute(rs.getLong(1), CareNeed.valueOf(rs.getString(2)),
                        Purpose.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                        rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getInt(8),
                        rs.getBoolean(9), rs.getBoolean(10), OfferViews.instant(rs, "routing_queued_at"),
                        rs.getInt(12), rs.getString(13)))
                .list());
    }

    /**
     * The département's offers waiting for an answer, nearest deadline first (overdue ones come first).
     *
     * @param page zero-based
     * @throws NotFoundException when the user is not a Caf officer
     */
    @Transactional(readOnly = true)
    public Page<PendingOffer> pendingOffers(CurrentUser officer, int page) {
        requireRole(officer, Role.CAF_OFFICER);
        long total = jdbc.sql("""
                        select count(*) from offer where status = 'PENDING' and departement_code = ?""")
                .param(officer.getDepartementCode()).query(Long.class).single();
        Instant now = clock.instant();
        return SqlPages.page(page, PAGE_SIZE, total, (limit, offset) -> jdbc.sql("""
                        select o.id, o.referral_id, o.provider_kind,
                               case when o.provider_kind = 'CHILDMINDER' then cm.first_name || ' ' || cm.last_name
                                    else po.name end,
                               o.sent_at, o.deadline_at, r.emergency
                        from offer o
                        join referral r on r.id = o.referral_id
                        join organisation po on po.id = o.provider_organisation_id
                        left join childminder cm on o.provider_kind = 'CHILDMINDER' and cm.id = o.provider_id
                        where o.status = 'PENDING' and o.departement_code = :dep
                        order by o.deadline_at, o.id
                        limit :limit offset :offset""")
                .param("dep", officer.getDepartementCode())
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> {
                    Instant deadline = OfferViews.instant(rs, "deadline_at");
                    return new PendingOffer(rs.getLong(1), rs.getLong(2), ProviderKind.valueOf(rs.getString(3)),
                            rs.getString(4), OfferViews.instant(rs, "sent_at"), deadline, !now.isBefore(deadline),
                            rs.getBoolean(7));
                })
                .list());
    }

    private static void requireRole(CurrentUser user, Role role) {
        if (user.getRole() != role) {
            throw new NotFoundException();
        }
    }
}
