package fr.passerelle.routing.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.OfferStatus;
import fr.passerelle.routing.OfficerRoutingFixtures;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.RoutingFixtures;
import fr.passerelle.routing.queue.RoutingQueues;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import fr.passerelle.system.NotFoundException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The automatic hand-on on the real PostgreSQL: an offer that expires or is declined goes at once to the next
 * ranked candidate when the Caf wants it, never to a provider offered before nor to one no longer eligible, at most
 * the Caf's number of hops; the officer stops it; two runs at once hand on once. Each test routes families of a
 * département of its own ({@link OfficerRoutingFixtures#quietDepartement()}) whose Caf chooses its setting.
 */
@IntegrationTest
class AutomaticHandOnTest {

    @Autowired
    OfferService offers;

    @Autowired
    OfferExpiry expiry;

    @Autowired
    AutomaticHandOn handOn;

    @Autowired
    HandOnSettings settings;

    @Autowired
    OfferViews views;

    @Autowired
    RoutingQueues queues;

    @Autowired
    ReferralFixtures referrals;

    @Autowired
    TestAccounts accounts;

    @Autowired
    ChildminderRegistry registry;

    @Autowired
    OrganisationRepository organisations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    OfficerRoutingFixtures places;
    RoutingFixtures fixtures;
    String departement;
    Account advisor;
    Account officer;

    @BeforeEach
    void setUp() {
        places = new OfficerRoutingFixtures(referrals, accounts, jdbc);
        fixtures = new RoutingFixtures(accounts, referrals, registry, jdbc, clock, organisations);
        departement = places.quietDepartement();
        advisor = referrals.advisor();
        officer = places.officerIn(departement);
    }

    @Test
    void anExpiredEmergencyOfferGoesAtOnceToTheNextCandidateWithItsOwnDeadlineAndNotification() {
        choose(CareNeed.EMERGENCY_HOME_CARE, true, 3);
        ProviderRef first = service("A");
        ProviderRef second = service("B");
        Account secondsUser = fixtures.userOf(fixtures.organisationOf(second));
        Referral referral = places.eligibleEmergency(advisor, officer, departement);
        long sent = send(referral, first);

        Instant later = deadline(sent).plusSeconds(60).truncatedTo(ChronoUnit.MICROS);
        expiry.expireDueAt(later);

        assertThat(status(sent)).isEqualTo(OfferStatus.EXPIRED);
        Hop hop = hopAfter(sent);
        assertThat(hop.provider()).isEqualTo(second);
        assertThat(hop.hop()).isEqualTo(1);
        assertThat(hop.sentBy()).as("no officer sent it").isNull();
        assertThat(hop.sentAt()).isEqualTo(later);
        assertThat(hop.deadlineAt()).isEqualTo(later.plus(Duration.ofHours(24)));
        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.OFFERED);
        assertThat(jdbc.sql("""
                        select count(*) from notification
                        where recipient_id = ? and kind = 'OFFER_SENT' and link = ?""")
                .param(secondsUser.user().getId()).param("/provider/offers/" + hop.id())
                .query(Long.class).single()).as("the provider is told at once").isEqualTo(1);
        List<ReferralOffer> history = views.forReferral(referrals.principal(officer),
                referral.getId());
        assertThat(history).extracting(ReferralOffer::handOnHop).containsExactly(null, 1);
    }

    @Test
    void aDeclineHandsOnAndNobodyOfferedBeforeIsOfferedAgainUntilNoCandidateIsLeft() {
        choose(CareNeed.EMERGENCY_HOME_CARE, true, 5);
        ProviderRef a = service("A");
        ProviderRef b = service("B");
        ProviderRef c = service("C");
        Referral referral = places.eligibleEmergency(advisor, officer, departement);
        long first = send(referral, a);

        decline(a, first);
        Hop second = hopAfter(first);
        expiry.expireDueAt(second.deadlineAt().plusSeconds(1));
        Hop third = hopAfter(second.id());
        decline(third.provider(), third.id());

        assertThat(List.of(a, second.provider(), third.provider())).containsExactlyInAnyOrder(a, b, c);
        assertThat(third.hop()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from offer where previous_offer_id = ?").param(third.id())
                .query(Long.class).single()).as("A declined, B let expire: nobody is left").isZero();
        Referral back = referrals.reload(referral);
        assertThat(back.getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
        assertThat(chain(referral).returnReason()).isEqualTo("NO_CANDIDATE");
        assertThat(queues.toRoute(referrals.principal(officer), 0).getContent())
                .filteredOn(row -> row.referralId() == referral.getId())
                .extracting(RoutingQueues.ReferralToRoute::handOnReturnReason).containsExactly("NO_CANDIDATE");
    }

    @Test
    void theHopLimitSendsTheReferralBackToTheQueue() {
        choose(CareNeed.EMERGENCY_HOME_CARE, true, 1);
        ProviderRef a = service("A");
        service("B");
        service("C");
        Referral referral = places.eligibleEmergency(advisor, officer, departement);
        long first = send(referral, a);

        decline(a, first);
        Hop hop = hopAfter(first);
        decline(hop.provider(), hop.id());

        assertThat(jdbc.sql("select count(*) from offer where referral_id = ?").param(referral.getId())
                .query(Long.class).single()).isEqualTo(2);
        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
        HandOnChain chain = chain(referral);
        assertThat(chain.returnReason()).isEqualTo("HOP_LIMIT");
        assertThat(chain.returnedAt()).isNotNull();
    }

    @Test
    void providersNoLongerEligibleAreSkipped() {
        choose(CareNeed.OCCASIONAL, true, 3);
        String commune = referrals.communeIn(departement);
        Childminder first = fixtures.childminderIn(commune, 2);
        Childminder revoked = fixtures.childminderIn(commune, 3);
        Childminder full = fixtures.childminderIn(commune, 1);
        Childminder next = fixtures.childminderIn(commune, 1);
        Referral referral = places.eligible(advisor, officer, departement, CareNeed.OCCASIONAL);
        long sent = send(referral, RoutingFixtures.ref(first));
        // Since the offer was sent: one label revoked, one childminder's only place taken by another family.
        registry.revokeLabel(fixtures.admin, revoked.getId(),
                registry.currentLabel(revoked.getId()).orElseThrow().getVersion(), "Retrait");
        Referral other = places.eligible(advisor, officer, departement, CareNeed.OCCASIONAL);
        offers.accept(referrals.principal(fixtures.userOf(full.getOrganisation().getId())),
                send(other, RoutingFixtures.ref(full)));
        // The other family's referral is arranged: its setting does not matter any more.

        decline(RoutingFixtures.ref(first), sent);

        assertThat(hopAfter(sent).provider()).isEqualTo(RoutingFixtures.ref(next));
    }

    @Test
    void aNeedTheCafKeepsManualIsNotHandedOn() {
        // No row for the département: occasional care is manual by default.
        String commune = referrals.communeIn(departement);
        Childminder first = fixtures.childminderIn(commune, 2);
        fixtures.childminderIn(commune, 2);
        Referral referral = places.eligible(advisor, officer, departement, CareNeed.OCCASIONAL);
        long sent = send(referral, RoutingFixtures.ref(first));

        decline(RoutingFixtures.ref(first), sent);

        assertThat(jdbc.sql("select count(*) from offer where referral_id = ?").param(referral.getId())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
        assertThat(chain(referral).automatic()).isFalse();
        assertThat(chain(referral).returnReason()).isNull();
    }

    @Test
    void anOfficerStopsTheChainThenTheNextExpiryLeavesTheReferralInTheQueue() {
        choose(CareNeed.EMERGENCY_HOME_CARE, true, 3);
        ProviderRef a = service("A");
        service("B");
        Referral referral = places.eligibleEmergency(advisor, officer, departement);
        long sent = send(referral, a);
        HandOnChain before = chain(referral);
        assertThat(before.active()).isTrue();

        handOn.stop(referrals.principal(officer), referral.getId(), before.version());

        assertThatThrownBy(() -> handOn.stop(referrals.principal(officer), referral.getId(), before.version()))
                .as("a second stop from the same page").isInstanceOf(OptimisticLockingFailureException.class);
        Account elsewhere = places.officerIn(places.quietDepartement());
        assertThatThrownBy(() -> handOn.stop(referrals.principal(elsewhere), referral.getId(), 0))
                .isInstanceOf(NotFoundException.class);
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry
                        where entity_type = 'REFERRAL' and entity_id = ? and action = 'HAND_ON_STOPPED'""")
                .param(referral.getId()).query(Long.class).single()).isEqualTo(1);

        expiry.expireDueAt(deadline(sent).plusSeconds(1));

        assertThat(jdbc.sql("select count(*) from offer where referral_id = ?").param(referral.getId())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
        assertThat(chain(referral).returnReason()).isEqualTo("STOPPED");
        assertThat(chain(referral).active()).isFalse();
    }

    @Test
    void twoExpiryRunsAtOnceHandOnOnce() throws Exception {
        choose(CareNeed.EMERGENCY_HOME_CARE, true, 3);
        ProviderRef a = service("A");
        service("B");
        service("C");
        Referral referral = places.eligibleEmergency(advisor, officer, departement);
        long sent = send(referral, a);
        Instant later = deadline(sent).plusSeconds(1);

        List<Integer> expired = race(() -> expiry.expireDueAt(later), () -> expiry.expireDueAt(later));

        assertThat(expired.get(0) + expired.get(1)).as("this test's offer expired by one of them").isPositive();
        assertThat(jdbc.sql("select count(*) from offer where previous_offer_id = ?").param(sent)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from offer where referral_id = ? and status = 'PENDING'")
                .param(referral.getId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aDeclineRacingTheExpiryHandsOnOnce() throws Exception {
        choose(CareNeed.EMERGENCY_HOME_CARE, true, 3);
        ProviderRef a = service("A");
        service("B");
        service("C");
        Referral referral = places.eligibleEmergency(advisor, officer, departement);
        long sent = send(referral, a);
        CurrentUser provider = referrals.principal(fixtures.userOf(fixtures.organisationOf(a)));
        // The expiry runs at the deadline; the provider answers just before it (the service's clock is the real one).
        Instant due = deadline(sent);

        race(() -> {
            try {
                offers.decline(provider, sent, DeclineReason.NO_CAPACITY, null);
                return 1;
            }
            catch (RuntimeException ex) {
                return 0;
            }
        }, () -> expiry.expireDueAt(due));

        assertThat(status(sent)).isIn(OfferStatus.DECLINED, OfferStatus.EXPIRED);
        assertThat(jdbc.sql("select count(*) from offer where previous_offer_id = ?").param(sent)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from offer where referral_id = ? and status = 'PENDING'")
                .param(referral.getId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theDefaultsHandOnEmergenciesOnlyWithThreeHops() {
        HandOnProperties defaults = new HandOnProperties(true, false, false, 3);
        assertThat(defaults.automatic(CareNeed.EMERGENCY_HOME_CARE)).isTrue();
        assertThat(defaults.automatic(CareNeed.OCCASIONAL)).isFalse();
        assertThat(defaults.automatic(CareNeed.REGULAR)).isFalse();
        assertThatThrownBy(() -> new HandOnProperties(true, false, false, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers

    record Hop(long id, ProviderRef provider, int hop, Long sentBy, Instant sentAt, Instant deadlineAt) {
    }

    private void choose(CareNeed need, boolean automatic, int maxHops) {
        CurrentUser admin = referrals.principal(accounts.create(Role.ADMIN,
                organisations.findById(referrals.principal(officer).getOrganisationId()).orElseThrow()));
        long version = settings.forCaf(admin).stream().filter(s -> s.need() == need).findFirst().orElseThrow()
                .version();
        settings.choose(admin, need, automatic, maxHops, version);
    }

    private ProviderRef service(String name) {
        return places.homeCareService(departement, name);
    }

    private long send(Referral referral, ProviderRef provider) {
        return offers.sendOffer(referrals.principal(officer), referral.getId(), provider, null).offerId();
    }

    private void decline(ProviderRef provider, long offerId) {
        offers.decline(referrals.principal(fixtures.userOf(fixtures.organisationOf(provider))), offerId,
                DeclineReason.NO_CAPACITY, null);
    }

    private Instant deadline(long offerId) {
        return jdbc.sql("select deadline_at from offer where id = ?").param(offerId)
                .query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).single();
    }

    private OfferStatus status(long offerId) {
        return OfferStatus.valueOf(jdbc.sql("select status from offer where id = ?").param(offerId)
                .query(String.class).single());
    }

    private Hop hopAfter(long previousOfferId) {
        return jdbc.sql("""
                        select id, provider_kind || '-' || provider_id as provider, hand_on_hop, sent_by, sent_at,
                               deadline_at
                        from offer where previous_offer_id = ?""")
                .param(previousOfferId)
                .query((rs, n) -> new Hop(rs.getLong("id"), ProviderRef.parse(rs.getString("provider")),
                        rs.getInt("hand_on_hop"), (Long) rs.getObject("sent_by", Long.class),
                        rs.getObject("sent_at", java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject("deadline_at", java.time.OffsetDateTime.class).toInstant()))
                .optional().orElseThrow(() -> new AssertionError("offer " + previousOfferId + " not handed on"));
    }

    private HandOnChain chain(Referral referral) {
        return handOn.chain(referrals.principal(officer), referral.getId());
    }

    @SafeVarargs
    private static List<Integer> race(Callable<Integer>... runs) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(runs.length);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> run : runs) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return run.call();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }
}
