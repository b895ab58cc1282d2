package fr.passerelle.routing.offer;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.referral.IllegalReferralTransitionException;
import fr.passerelle.referral.NoSolutionReason;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralClosed;
import fr.passerelle.referral.ReferralRepository;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.referral.ReferralWithdrawn;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.NoSolutionFound;
import fr.passerelle.routing.OfferAccepted;
import fr.passerelle.routing.OfferCancelled;
import fr.passerelle.routing.OfferDeclined;
import fr.passerelle.routing.OfferSent;
import fr.passerelle.routing.ProviderKind;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.RoutingProperties;
import fr.passerelle.routing.matching.Candidate;
import fr.passerelle.routing.matching.CandidateSearch;
import fr.passerelle.routing.matching.Exclusion;
import fr.passerelle.routing.refusal.CandidateExcludedException;
import fr.passerelle.routing.refusal.OfferAlreadyAnsweredException;
import fr.passerelle.routing.refusal.OfferCancelledException;
import fr.passerelle.routing.refusal.OfferExpiredException;
import fr.passerelle.routing.refusal.ProviderFullException;
import fr.passerelle.routing.refusal.ProviderNoLongerEligibleException;
import fr.passerelle.system.NotFoundException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What officers, providers and advisors do with offers. Every method checks who acts and on what: the officer's
 * département, the provider's organisation, the advisor's organisation; anything else is {@link NotFoundException}.
 * Each call is one transaction, the referral's timeline row included. A concurrent change of the same offer or
 * referral fails with Spring's {@code OptimisticLockingFailureException} (the page reloads and shows what happened).
 */
@Service
public class OfferService {

    private static final Logger log = LoggerFactory.getLogger(OfferService.class);

    private final OfferRepository offers;
    private final ReferralRepository referrals;
    private final UserAccountRepository users;
    private final CandidateSearch candidates;
    private final RoutingProperties properties;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AutomaticHandOn handOn;

    OfferService(OfferRepository offers, ReferralRepository referrals, UserAccountRepository users,
            CandidateSearch candidates, RoutingProperties properties, JdbcClient jdbc,
            ApplicationEventPublisher events, Clock clock, AutomaticHandOn handOn) {
        this.handOn = handOn;
        this.offers = offers;
        this.referrals = referrals;
        this.users = users;
        this.candidates = candidates;
        this.properties = properties;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The same service reading another clock, to replay actions as of another moment with every rule applied at that
     * moment (the demo data's offer sent yesterday, whose deadline has passed). Not a Spring proxy: it runs in the
     * caller's transaction, which the caller must open. The pages never use it.
     */
    public OfferService withClock(Clock otherClock) {
        return new OfferService(offers, referrals, users, candidates, properties, jdbc, events, otherClock, handOn);
    }

    /**
     * Sends an eligible referral of the officer's territory to one provider, after checking again that it is still a
     * candidate. The deadline is now + the provider kind's answer delay ({@link RoutingProperties}).
     *
     * @param message optional words for the provider (no personal data beyond what the offer shows)
     * @throws NotFoundException when the referral is not in the officer's territory, or the user is not an officer
     * @throws IllegalReferralTransitionException when the referral is not waiting to be routed
     * @throws CandidateExcludedException when the provider may not be offered it (with the reasons)
     */
    @Transactional
    public SentOffer sendOffer(CurrentUser officer, long referralId, ProviderRef provider, String message) {
        requireRole(officer, Role.CAF_OFFICER);
        Referral referral = officersReferral(officer, referralId);
        // Only that provider is checked, with every rule: sending an offer never reads the whole area.
        Optional<Candidate> considered = candidates.candidate(referralId, provider);
        Candidate candidate = considered.filter(Candidate::isEligible).orElseThrow(() ->
                new CandidateExcludedException(provider, considered.map(Candidate::exclusions).orElse(List.of())));
        Instant now = now();
        UserAccount actor = users.getReferenceById(officer.getUserId());
        Offer offer = new Offer(referral, provider, candidate.organisationId(), message, actor, now,
                now.plus(properties.answerDelay(provider.kind())));
        referral.offerSent(actor, null, now);
        offers.save(offer);
        offers.flush();
        events.publishEvent(new OfferSent(offer.getId()));
        log.info("Offer {} of referral {} sent to {}", offer.getId(), referralId, provider.key());
        return new SentOffer(offer.getId(), referralId, provider, candidate.name(), offer.getDeadlineAt());
    }

    /**
     * The provider accepts: a place per child is held for the care period and the referral's care is arranged. The
     * referral's row, then the offer's, then (a childminder's or a crèche's, whose places are counted) the provider's
     * are locked ({@code select … for update}), the order of every change of offers: a second acceptance of the same
     * offer waits, then finds it accepted; two acceptances of the last place at once never overbook it. Then the
     * provider is checked again with the
     * candidate rules (label, agreement, activity… {@code CandidateRules.STILL_ELIGIBLE}), then its free places.
     *
     * @throws NotFoundException when the offer is not addressed to the user's organisation
     * @throws OfferExpiredException at or after the deadline
     * @throws OfferAlreadyAnsweredException when it was accepted or declined already
     * @throws OfferCancelledException when the family withdrew the referral
     * @throws ProviderNoLongerEligibleException when the provider may no longer take it (label suspended…)
     * @throws ProviderFullException when the places left over the period are fewer than the children
     */
    @Transactional
    public void accept(CurrentUser provider, long offerId) {
        Offer offer = lockProvidersOffer(provider, offerId);
        Instant now = now();
        UserAccount actor = users.getReferenceById(provider.getUserId());
        Referral referral = offer.getReferral();
        offer.accept(actor, now);
        if (offer.provider().kind().holdsPlaces()) {
            // Only places need serialising: a home-care service's acceptances do not wait for each other.
            lockProvider(offer.provider());
        }
        List<Exclusion> exclusions = candidates.exclusionsOnAcceptance(referral.getId(), offer.provider());
        if (!exclusions.isEmpty()) {
            throw new ProviderNoLongerEligibleException(offer.provider(), exclusions);
        }
        if (offer.provider().kind().holdsPlaces()) {
            hold(offer, referral, now);
        }
        referral.careArranged(actor, now);
        offers.flush();
        events.publishEvent(new OfferAccepted(offerId));
        log.info("Offer {} accepted", offerId);
    }

    /**
     * The provider declines, with a reason (and a comment, required for {@link DeclineReason#OTHER}): the referral
     * goes back to the top of the routing queue, and this provider is never proposed it again. When the referral's Caf
     * hands its need on automatically, it is offered at once to the next candidate ({@link AutomaticHandOn}).
     *
     * @throws NotFoundException when the offer is not addressed to the user's organisation
     * @throws OfferExpiredException at or after the deadline
     * @throws OfferAlreadyAnsweredException when it was accepted or declined already
     * @throws OfferCancelledException when the family withdrew the referral
     * @throws IllegalArgumentException without a reason, or {@code OTHER} without a comment
     */
    @Transactional
    public void decline(CurrentUser provider, long offerId, DeclineReason reason, String comment) {
        Offer offer = lockProvidersOffer(provider, offerId);
        Instant now = now();
        UserAccount actor = users.getReferenceById(provider.getUserId());
        offer.decline(actor, reason, comment, now);
        offer.getReferral().offerDeclined(actor, offer.getDeclineComment(), now);
        offers.flush();
        events.publishEvent(new OfferDeclined(offerId));
        log.info("Offer {} declined ({})", offerId, reason);
        handOn.afterOfferEnded(offer, now);
    }

    /**
     * The officer records that no provider can take the family: the referral ends, counted as unmet demand.
     *
     * @throws NotFoundException when the referral is not in the officer's territory
     * @throws IllegalReferralTransitionException when it is not waiting to be routed
     * @throws IllegalArgumentException without a reason, or {@code OTHER} without a comment
     */
    @Transactional
    public void recordNoSolution(CurrentUser officer, long referralId, NoSolutionReason reason, String comment) {
        requireRole(officer, Role.CAF_OFFICER);
        Referral referral = officersReferral(officer, referralId);
        referral.recordNoSolution(users.getReferenceById(officer.getUserId()), reason, comment, now());
        referrals.flush();
        events.publishEvent(new NoSolutionFound(referralId));
    }

    /** A closed referral's places are free again, in the closing transaction. */
    @EventListener
    void on(ReferralClosed event) {
        releaseHolds(event.referralId(), event.closedAt());
    }

    /**
     * A withdrawn referral's pending offer is cancelled and its places freed, in the withdrawal's transaction. The
     * withdrawal locked the referral's row first; the offer's comes second, as on every path.
     */
    @EventListener
    void on(ReferralWithdrawn event) {
        Offer cancelled = offers.findPendingForUpdate(event.referralId()).orElse(null);
        if (cancelled != null) {
            cancelled.cancel(event.withdrawnAt());
        }
        releaseHolds(event.referralId(), event.withdrawnAt());
        offers.flush();
        if (cancelled != null) {
            events.publishEvent(new OfferCancelled(cancelled.getId()));
        }
    }

    private void hold(Offer offer, Referral referral, Instant now) {
        ProviderRef provider = offer.provider();
        LocalDate firstDay = referral.getFirstDay();
        LocalDate lastDay = referral.getLastDay() == null ? firstDay : referral.getLastDay();
        int children = referral.getChildren().size();
        // The provider's lock (taken by the caller) serialises acceptances for this provider until commit; the count
        // below then sees every hold committed before it (read committed: each statement sees what was committed
        // when it started).
        String placesQuery = provider.kind() == ProviderKind.CHILDMINDER
                ? "select avip_places from childminder where id = ?"
                : "select emergency_places from creche where id = ?";
        int places = jdbc.sql(placesQuery).param(provider.id()).query(Integer.class).single();
        int held = jdbc.sql("""
                        select coalesce(sum(places), 0) from place_hold
                        where provider_kind = ? and provider_id = ? and released_at is null
                          and first_day <= ? and last_day >= ?""")
                .param(provider.kind().name()).param(provider.id())
                .param(Date.valueOf(lastDay)).param(Date.valueOf(firstDay))
                .query(Integer.class).single();
        if (held + children > places) {
            throw new ProviderFullException(provider);
        }
        offers.flush();
        jdbc.sql("""
                        insert into place_hold (offer_id, provider_kind, provider_id, first_day, last_day, places,
                                                held_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .param(offer.getId()).param(provider.kind().name()).param(provider.id())
                .param(Date.valueOf(firstDay)).param(Date.valueOf(lastDay)).param(children)
                .param(now.atOffset(ZoneOffset.UTC))
                .update();
    }

    private void releaseHolds(long referralId, Instant now) {
        jdbc.sql("""
                        update place_hold h set released_at = ?
                        from offer o where o.id = h.offer_id and o.referral_id = ? and h.released_at is null""")
                .param(now.atOffset(ZoneOffset.UTC)).param(referralId)
                .update();
    }

    /**
     * The provider's row, locked until commit: the last of the three locks (referral, offer, provider). Serialises
     * the acceptances of one provider, and its changes in the registry that update the row.
     */
    private void lockProvider(ProviderRef provider) {
        String table = switch (provider.kind()) {
            case CHILDMINDER -> "childminder";
            case CRECHE -> "creche";
            case HOME_CARE -> "home_care_service";
        };
        jdbc.sql("select id from " + table + " where id = ? for update").param(provider.id()).query(Long.class)
                .optional();
    }

    /** The officer's territory's referral, its row locked until commit (the first of the locks). */
    private Referral officersReferral(CurrentUser officer, long referralId) {
        Referral referral = referrals.findByIdForUpdate(referralId).orElseThrow(NotFoundException::new);
        if (!officer.getDepartementCode().equals(referral.getDepartementCode()) || referral.getSubmittedAt() == null) {
            throw new NotFoundException();
        }
        return referral;
    }

    /**
     * The provider's organisation's offer, locked for an answer: its referral's row first, then its own, as every
     * change of offers does (withdrawal, expiry): no deadlock. Both are read after their locks, so a concurrent
     * answer that committed meanwhile is seen (already answered), not overwritten.
     */
    private Offer lockProvidersOffer(CurrentUser provider, long offerId) {
        requireRole(provider, Role.PROVIDER);
        long referralId = jdbc.sql("select referral_id from offer where id = ? and provider_organisation_id = ?")
                .param(offerId).param(provider.getOrganisationId())
                .query(Long.class).optional().orElseThrow(NotFoundException::new);
        referrals.findByIdForUpdate(referralId).orElseThrow(NotFoundException::new);
        return offers.findByIdForUpdate(offerId).orElseThrow(NotFoundException::new);
    }

    /** PostgreSQL keeps microseconds: the deadline a page shows is then the one stored and compared. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void requireRole(CurrentUser user, Role role) {
        if (user.getRole() != role) {
            throw new NotFoundException();
        }
    }
}
