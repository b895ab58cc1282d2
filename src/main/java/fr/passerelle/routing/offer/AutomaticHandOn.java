package fr.passerelle.routing.offer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.AuditedEntity;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralRepository;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.routing.OfferSent;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.RoutingProperties;
import fr.passerelle.routing.matching.Candidate;
import fr.passerelle.routing.matching.CandidateSearch;
import fr.passerelle.system.NotFoundException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The automatic hand-on: when an offer expires or is declined and the referral's Caf hands its need on
 * ({@link HandOnSettings}), the referral is offered at once, in the same transaction, to the next ranked candidate
 * ({@link CandidateSearch}, every rule applied as for an officer's offer) who was never offered it before, with the
 * provider kind's answer delay and the usual {@link OfferSent} notification. At most the Caf's number of hops in a
 * row; with no candidate left, the hop limit reached or the chain stopped by an officer, the referral stays at the
 * top of the routing queue and the reason is kept ({@code hand_on_chain}) for the routing page.
 * <p>
 * Safe with several instances: the callers (expiry job, provider's decline) hold the referral's and the offer's row
 * locks, so one ended offer is handled once; {@code offer_handed_on_once_uk} guarantees one automatic offer per
 * ended offer whatever happens.
 */
@Service
public class AutomaticHandOn {

    private static final Logger log = LoggerFactory.getLogger(AutomaticHandOn.class);

    private final OfferRepository offers;
    private final ReferralRepository referrals;
    private final CandidateSearch candidates;
    private final HandOnSettings settings;
    private final RoutingProperties properties;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AutomaticHandOn(OfferRepository offers, ReferralRepository referrals, CandidateSearch candidates,
            HandOnSettings settings, RoutingProperties properties, JdbcClient jdbc, AuditTrail audit,
            ApplicationEventPublisher events, Clock clock) {
        this.offers = offers;
        this.referrals = referrals;
        this.candidates = candidates;
        this.settings = settings;
        this.properties = properties;
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Hands the referral of an offer that just expired or was declined on to the next candidate, if its Caf wants it.
     * Runs in the caller's transaction, which locked the referral and the offer and moved the referral back to
     * {@link ReferralStatus#ELIGIBLE}.
     *
     * @return the automatic offer's id, or empty when the referral waits in the officer's queue
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Long> afterOfferEnded(Offer ended, Instant now) {
        Referral referral = ended.getReferral();
        if (referral.getStatus() != ReferralStatus.ELIGIBLE) {
            return Optional.empty();
        }
        HandOnSetting setting = settings.setting(referral.getDepartementCode(), referral.getNeed());
        if (!setting.automatic()) {
            return Optional.empty();
        }
        long referralId = referral.getId();
        if (stopped(referralId)) {
            cameBack(referralId, "STOPPED", now);
            return Optional.empty();
        }
        int hop = ended.getHandOnHop() == null ? 1 : ended.getHandOnHop() + 1;
        if (hop > setting.maxHops()) {
            cameBack(referralId, "HOP_LIMIT", now);
            return Optional.empty();
        }
        // The search reads the database: the referral's new status and the ended offer must be there.
        offers.flush();
        Set<ProviderRef> offeredBefore = new HashSet<>(jdbc.sql("""
                        select provider_kind || '-' || provider_id from offer where referral_id = ?""")
                .param(referralId).query(String.class).list().stream().map(ProviderRef::parse).toList());
        // Never twice to the same provider (declined, let expire, or cancelled): the search excludes decliners, the
        // others are skipped here; reading one more candidate than those offered before always leaves a new one.
        Optional<Candidate> next = candidates.candidatesForHandOn(referralId, offeredBefore.size() + 1).ranked()
                .stream().filter(candidate -> !offeredBefore.contains(candidate.provider())).findFirst();
        if (next.isEmpty()) {
            cameBack(referralId, "NO_CANDIDATE", now);
            return Optional.empty();
        }
        Candidate candidate = next.get();
        Offer offer = Offer.handedOn(ended, candidate.provider(), candidate.organisationId(), hop, now,
                now.plus(properties.answerDelay(candidate.provider().kind())));
        referral.offerHandedOn(null, now);
        offers.save(offer);
        offers.flush();
        jdbc.sql("""
                        update hand_on_chain set return_reason = null, returned_at = null, version = version + 1
                        where referral_id = ? and return_reason is not null""")
                .param(referralId).update();
        events.publishEvent(new OfferSent(offer.getId()));
        log.info("Offer {} of referral {} handed on automatically to {} (hop {})", offer.getId(), referralId,
                candidate.provider().key(), hop);
        return Optional.of(offer.getId());
    }

    /**
     * The chain of a referral of the officer's territory, as its routing page shows it: one statement (the referral,
     * its Caf's setting for the need, its chain).
     *
     * @throws NotFoundException when the referral is not in the officer's territory
     */
    @Transactional(readOnly = true)
    public HandOnChain chain(CurrentUser officer, long referralId) {
        return jdbc.sql("""
                        select r.need, s.automatic, s.max_hops, c.stopped_at, c.return_reason, c.returned_at,
                               coalesce(c.version, 0) as version
                        from referral r
                        left join hand_on_setting s on s.departement_code = r.departement_code and s.need = r.need
                        left join hand_on_chain c on c.referral_id = r.id
                        where r.id = ? and r.departement_code = ? and r.submitted_at is not null""")
                .param(referralId).param(requireOfficer(officer).getDepartementCode())
                .query((rs, n) -> {
                    HandOnSetting setting = rs.getObject("automatic") == null
                            ? settings.defaultOf(CareNeed.valueOf(rs.getString("need")))
                            : new HandOnSetting(CareNeed.valueOf(rs.getString("need")), rs.getBoolean("automatic"),
                                    rs.getInt("max_hops"), true, 0);
                    return new HandOnChain(setting.automatic(), setting.maxHops(),
                            OfferViews.instant(rs, "stopped_at"), rs.getString("return_reason"),
                            OfferViews.instant(rs, "returned_at"), rs.getLong("version"));
                })
                .optional().orElseThrow(NotFoundException::new);
    }

    /**
     * The officer stops the referral's chain: from now on an offer that expires or is declined leaves the referral
     * in the routing queue. Checked against the chain's version the page showed; audited.
     *
     * @throws NotFoundException when the referral is not in the officer's territory
     * @throws OptimisticLockingFailureException when the chain changed since the page was shown, or was stopped
     */
    @Transactional
    public void stop(CurrentUser officer, long referralId, long version) {
        requireOfficer(officer);
        Referral referral = referrals.findByIdForUpdate(referralId).orElseThrow(NotFoundException::new);
        if (!officer.getDepartementCode().equals(referral.getDepartementCode()) || referral.getSubmittedAt() == null) {
            throw new NotFoundException();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int changed = jdbc.sql("""
                        insert into hand_on_chain (referral_id, stopped_at, stopped_by, version)
                        values (?, ?, ?, 1)
                        on conflict (referral_id) do update
                        set stopped_at = excluded.stopped_at, stopped_by = excluded.stopped_by,
                            version = hand_on_chain.version + 1
                        where hand_on_chain.version = ? and hand_on_chain.stopped_at is null""")
                .param(referralId).param(now.atOffset(ZoneOffset.UTC)).param(officer.getUserId()).param(version)
                .update();
        if (changed == 0) {
            throw new OptimisticLockingFailureException("hand-on chain changed meanwhile");
        }
        audit.record(officer.getUserId(), AuditedEntity.REFERRAL.name(), referralId, "HAND_ON_STOPPED",
                Changes.of().field("handOnStopped", false, true));
        log.info("Automatic hand-on of referral {} stopped", referralId);
    }

    private boolean stopped(long referralId) {
        return jdbc.sql("select stopped_at is not null from hand_on_chain where referral_id = ?")
                .param(referralId).query(Boolean.class).optional().orElse(false);
    }

    private void cameBack(long referralId, String reason, Instant now) {
        jdbc.sql("""
                        insert into hand_on_chain (referral_id, return_reason, returned_at) values (?, ?, ?)
                        on conflict (referral_id) do update
                        set return_reason = excluded.return_reason, returned_at = excluded.returned_at,
                            version = hand_on_chain.version + 1""")
                .param(referralId).param(reason).param(now.atOffset(ZoneOffset.UTC)).update();
        log.info("Referral {} not handed on ({}): back in the routing queue", referralId, reason);
    }

    private static CurrentUser requireOfficer(CurrentUser user) {
        if (user.getRole() != Role.CAF_OFFICER) {
            throw new NotFoundException();
        }
        return user;
    }
}
