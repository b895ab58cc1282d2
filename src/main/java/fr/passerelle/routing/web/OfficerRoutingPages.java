package fr.passerelle.routing.web;

import java.sql.Date;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralChild;
import fr.passerelle.referral.ReferralRepository;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.routing.OfferStatus;
import fr.passerelle.routing.ProviderKind;
import fr.passerelle.routing.matching.CandidateList;
import fr.passerelle.routing.matching.CandidateSearch;
import fr.passerelle.routing.offer.AutomaticHandOn;
import fr.passerelle.routing.offer.ChildAge;
import fr.passerelle.routing.offer.HandOnChain;
import fr.passerelle.routing.offer.OfferViews;
import fr.passerelle.routing.offer.ReferralOffer;
import fr.passerelle.routing.queue.RoutingQueues;
import fr.passerelle.routing.queue.RoutingQueues.PendingOffer;
import fr.passerelle.routing.queue.RoutingQueues.ReferralToRoute;
import fr.passerelle.routing.queue.SqlPages;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;

import org.springframework.data.domain.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the officer's routing pages read, in one read-only transaction each: the referral's need, its candidates
 * while it waits to be routed, and its offers; and the routing queues with the care arranged this week. Scoped like
 * the eligibility review: a referral of the officer's département that was sent to the Caf, and found eligible at
 * some point.
 */
@Service
public class OfficerRoutingPages {

    /** Statuses a referral can reach once found eligible: the routing page shows them. */
    static final Set<ReferralStatus> ROUTED = EnumSet.of(ReferralStatus.ELIGIBLE, ReferralStatus.OFFERED,
            ReferralStatus.CARE_ARRANGED, ReferralStatus.CLOSED, ReferralStatus.NO_SOLUTION);

    /**
     * The routing page's content.
     *
     * @param communeLabel the family's commune as the page names it (its code when unknown)
     * @param children first names and ages on the first day of care
     * @param candidates null unless the referral waits to be routed
     * @param offers every offer of the referral, oldest first
     * @param handOn the referral's automatic hand-on
     */
    public record RoutingPage(Referral referral, String communeLabel, List<ChildAge> children,
            CandidateList candidates, List<ReferralOffer> offers, HandOnChain handOn) {

        public boolean routable() {
            return referral.getStatus() == ReferralStatus.ELIGIBLE;
        }

        /** The offer waiting for an answer, when the referral is offered. */
        public Optional<ReferralOffer> currentOffer() {
            return offers.stream().filter(offer -> offer.status() == OfferStatus.PENDING).findFirst();
        }

        /** The offer the provider accepted, once care is arranged. */
        public Optional<ReferralOffer> acceptedOffer() {
            return offers.stream().filter(offer -> offer.status() == OfferStatus.ACCEPTED).findFirst();
        }
    }

    /** The routing queues' page: its three lists, each at its own page number. */
    public record QueuesPage(Page<ReferralToRoute> toRoute, Page<PendingOffer> pending, Page<ArrangedCare> arranged) {
    }

    /** An arranged care starting this week, for the officer's home page figure. */
    public record ArrangedCare(long referralId, CareNeed need, String communeName, LocalDate firstDay, LocalDate lastDay,
            ProviderKind providerKind, String providerName) {
    }

    private final ReferralRepository referrals;
    private final RoutingQueues queues;
    private final CandidateSearch candidates;
    private final OfferViews offers;
    private final CommuneDirectory communes;
    private final AutomaticHandOn handOn;
    private final JdbcClient jdbc;
    private final Clock clock;

    OfficerRoutingPages(ReferralRepository referrals, RoutingQueues queues, CandidateSearch candidates,
            OfferViews offers, CommuneDirectory communes, AutomaticHandOn handOn, JdbcClient jdbc, Clock clock) {
        this.referrals = referrals;
        this.queues = queues;
        this.candidates = candidates;
        this.offers = offers;
        this.communes = communes;
        this.handOn = handOn;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param wanted how many candidates and excluded providers the page shows: the nearest are read until it has them
     * @throws NotFoundException outside the officer's département, before the Caf's decision, for an ineligible
     *         referral, or for one withdrawn before it was ever routed
     */
    @Transactional(readOnly = true)
    RoutingPage page(CurrentUser officer, long referralId, int wanted) {
        if (officer.getRole() != Role.CAF_OFFICER) {
            throw new NotFoundException();
        }
        Referral referral = referrals.findWithChildrenById(referralId).orElseThrow(NotFoundException::new);
        boolean routedOnce = ROUTED.contains(referral.getStatus())
                || referral.getStatus() == ReferralStatus.WITHDRAWN && referral.getRoutingQueuedAt() != null;
        if (!officer.getDepartementCode().equals(referral.getDepartementCode()) || referral.getSubmittedAt() == null
                || !routedOnce) {
            throw new NotFoundException();
        }
        List<ChildAge> children = referral.getChildren().stream().map(child -> age(child, referral.getFirstDay()))
                .toList();
        CandidateList list = referral.getStatus() == ReferralStatus.ELIGIBLE
                ? candidates.candidates(officer, referralId, wanted) : null;
        String communeLabel = communes.findByInseeCode(referral.getCommuneCode()).map(Commune::label)
                .orElse(referral.getCommuneCode());
        return new RoutingPage(referral, communeLabel, children, list, offers.forReferral(officer, referralId),
                handOn.chain(officer, referralId));
    }

    /**
     * Checks that the routing page of the referral exists for the officer, before a form of it is handled: a referral
     * the officer may not route is not found, rather than refused with a message.
     *
     * @throws NotFoundException as {@link #page}
     */
    @Transactional(readOnly = true)
    void requireRoutingPage(CurrentUser officer, long referralId) {
        boolean found = officer.getRole() == Role.CAF_OFFICER && jdbc.sql("""
                        select exists (select 1 from referral
                                       where id = ? and departement_code = ? and submitted_at is not null
                                         and (status in ('ELIGIBLE', 'OFFERED', 'CARE_ARRANGED', 'CLOSED',
                                                         'NO_SOLUTION')
                                              or status = 'WITHDRAWN' and routing_queued_at is not null))""")
                .param(referralId).param(officer.getDepartementCode()).query(Boolean.class).single();
        if (!found) {
            throw new NotFoundException();
        }
    }

    /**
     * The routing queues' three lists in one read-only transaction: each in a transaction of its own was two more
     * transactions' begin and commit (and JPA sessions) a view.
     */
    @Transactional(readOnly = true)
    QueuesPage queues(CurrentUser officer, int page, int offersPage, int carePage) {
        return new QueuesPage(queues.toRoute(officer, page), queues.pendingOffers(officer, offersPage),
                careArrangedThisWeek(officer, carePage));
    }

    /**
     * The département's arranged care whose first day falls this week (Monday to Sunday), as the home page counts.
     * The page's referrals are chosen first, then joined to their provider: the joins run for 20 rows, not the week's.
     */
    @Transactional(readOnly = true)
    Page<ArrangedCare> careArrangedThisWeek(CurrentUser officer, int page) {
        if (officer.getRole() != Role.CAF_OFFICER) {
            throw new NotFoundException();
        }
        LocalDate monday = LocalDate.now(clock).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long total = jdbc.sql("""
                        select count(*) from referral where departement_code = ? and status = 'CARE_ARRANGED'
                          and first_day between ? and ?""")
                .param(officer.getDepartementCode()).param(Date.valueOf(monday))
                .param(Date.valueOf(monday.plusDays(6))).query(Long.class).single();
        return SqlPages.page(page, RoutingQueues.PAGE_SIZE, total, (limit, offset) -> jdbc.sql("""
                        select r.id, r.need, m.name, r.first_day, coalesce(r.last_day, r.first_day) as last_day,
                               o.provider_kind,
                               case when o.provider_kind = 'CHILDMINDER' then cm.first_name || ' ' || cm.last_name
                                    else po.name end as provider_name
                        from (select id, need, commune_code, first_day, last_day from referral
                              where departement_code = :dep and status = 'CARE_ARRANGED'
                                and first_day between :monday and :sunday
                              order by first_day, id
                              limit :limit offset :offset) r
                        left join commune m on m.insee_code = r.commune_code
                        left join offer o on o.referral_id = r.id and o.status = 'ACCEPTED'
                        left join organisation po on po.id = o.provider_organisation_id
                        left join childminder cm on o.provider_kind = 'CHILDMINDER' and cm.id = o.provider_id
                        order by r.first_day, r.id""")
                .param("dep", officer.getDepartementCode())
                .param("monday", Date.valueOf(monday))
                .param("sunday", Date.valueOf(monday.plusDays(6)))
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> new ArrangedCare(rs.getLong("id"), CareNeed.valueOf(rs.getString("need")),
                        rs.getString("name"), rs.getObject("first_day", LocalDate.class),
                        rs.getObject("last_day", LocalDate.class),
                        rs.getString("provider_kind") == null ? null
                                : ProviderKind.valueOf(rs.getString("provider_kind")),
                        rs.getString("provider_name")))
                .list());
    }

    private static ChildAge age(ReferralChild child, LocalDate firstDay) {
        if (child.getBirthDate() == null) {
            // Anonymised (privacy package): only the age in months when the referral was sent is left.
            int months = child.getAgeMonths() == null ? 0 : child.getAgeMonths();
            return new ChildAge(null, months / 12, months % 12);
        }
        Period age = Period.between(child.getBirthDate(), firstDay);
        return new ChildAge(child.getFirstName(), age.getYears(), age.getMonths());
    }
}
