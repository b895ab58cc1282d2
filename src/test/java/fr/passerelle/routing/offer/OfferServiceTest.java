package fr.passerelle.routing.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.IllegalReferralTransitionException;
import fr.passerelle.referral.NoSolutionReason;
import fr.passerelle.referral.Outcome;
import fr.passerelle.referral.OutcomeTooEarlyException;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.referral.ReferralService;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.referral.ReferralTransition;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.OfferStatus;
import fr.passerelle.routing.ProviderKind;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.RoutingFixtures;
import fr.passerelle.routing.matching.CandidateList;
import fr.passerelle.routing.matching.CandidateSearch;
import fr.passerelle.routing.matching.Exclusion;
import fr.passerelle.routing.matching.Proximity;
import fr.passerelle.routing.matching.Route;
import fr.passerelle.routing.queue.RoutingQueues;
import fr.passerelle.routing.queue.RoutingQueues.ReferralToRoute;
import fr.passerelle.routing.refusal.CandidateExcludedException;
import fr.passerelle.routing.refusal.OfferAlreadyAnsweredException;
import fr.passerelle.routing.refusal.OfferCancelledException;
import fr.passerelle.routing.refusal.OfferExpiredException;
import fr.passerelle.routing.refusal.ProviderFullException;
import fr.passerelle.routing.refusal.ProviderNoLongerEligibleException;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import fr.passerelle.system.ExclusiveJobs;
import fr.passerelle.system.NotFoundException;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;

/**
 * Offers on the real PostgreSQL: sending, answering, capacity under concurrency, expiry with a controlled time,
 * withdrawal, and who sees what. Other tests share the database: assertions look at this test's own rows.
 */
@IntegrationTest
class OfferServiceTest {

    /** In Essonne, in another EPCI than Évry's. */
    private static final String ETAMPES = "91223";

    /** In another département. */
    private static final String PARIS = "75056";

    @Autowired
    OfferService offers;

    @Autowired
    CandidateSearch search;

    @Autowired
    OfferViews views;

    @Autowired
    RoutingQueues queues;

    @Autowired
    OfferExpiry expiry;

    @Autowired
    ExclusiveJobs jobs;

    @Autowired
    ReferralService referralService;

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

    @Autowired
    SqlStatementCounter statements;

    @Autowired
    DataSource dataSource;

    RoutingFixtures fixtures;
    Account advisor;
    Account officer;

    @BeforeEach
    void setUp() {
        fixtures = new RoutingFixtures(accounts, referrals, registry, jdbc, clock, organisations);
        advisor = referrals.advisor();
        officer = referrals.officerIn(ReferralFixtures.ESSONNE);
    }

    @Test
    void anEmergencyGoesToAHomeCareServiceWhichAcceptsWithin24Hours() {
        Referral referral = fixtures.emergency(advisor, officer);
        ProviderRef service = fixtures.homeCareService();

        CandidateList candidates = search.candidates(principal(officer), referral.getId());
        assertThat(candidates.route()).isEqualTo(Route.HOME_CARE);
        assertThat(candidates.candidate(service)).isPresent();

        Instant before = clock.instant();
        SentOffer sent = offers.sendOffer(principal(officer), referral.getId(), service, "Entretien à 9 h");
        assertThat(Duration.between(before, sent.deadlineAt())).isBetween(Duration.ofHours(24).minusSeconds(1),
                Duration.ofHours(24).plusMinutes(1));
        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.OFFERED);

        Account provider = fixtures.userOf(fixtures.organisationOf(service));
        offers.accept(principal(provider), sent.offerId());

        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.CARE_ARRANGED);
        assertThat(holds(sent.offerId())).as("home care holds no place").isZero();
    }

    @Test
    void aChildminderHas48HoursAndAcceptingHoldsAPlaceForThePeriod() {
        Referral referral = fixtures.eligible(advisor, officer);
        Childminder childminder = fixtures.childminder(1);

        Instant before = clock.instant();
        SentOffer sent = offers.sendOffer(principal(officer), referral.getId(), RoutingFixtures.ref(childminder),
                null);
        assertThat(Duration.between(before, sent.deadlineAt())).isBetween(Duration.ofHours(48).minusSeconds(1),
                Duration.ofHours(48).plusMinutes(1));

        offers.accept(principal(fixtures.userOf(childminder.getOrganisation().getId())), sent.offerId());

        assertThat(holds(sent.offerId())).isEqualTo(1);
        Referral other = fixtures.eligible(advisor, officer);
        assertThat(search.candidates(principal(officer), other.getId())
                .exclusionOf(RoutingFixtures.ref(childminder)).orElseThrow().exclusions())
                .containsExactly(Exclusion.FULL);
    }

    @Test
    void onlyOneOfManyProvidersAcceptingTheLastPlaceAtOnceWins() throws Exception {
        Childminder childminder = fixtures.childminder(1);
        CurrentUser provider = principal(fixtures.userOf(childminder.getOrganisation().getId()));
        int contenders = 6;
        List<Long> offerIds = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            Referral referral = fixtures.eligible(advisor, officer);
            offerIds.add(offers.sendOffer(principal(officer), referral.getId(), RoutingFixtures.ref(childminder),
                    null).offerId());
        }

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (long offerId : offerIds) {
                Callable<Boolean> accept = () -> {
                    start.await();
                    try {
                        offers.accept(provider, offerId);
                        return true;
                    }
                    catch (ProviderFullException full) {
                        return false;
                    }
                };
                results.add(pool.submit(accept));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("""
                        select coalesce(sum(places), 0) from place_hold
                        where provider_kind = 'CHILDMINDER' and provider_id = ? and released_at is null""")
                .param(childminder.getId()).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from offer where id in (:ids) and status = 'PENDING'")
                .param("ids", offerIds).query(Long.class).single()).isEqualTo(contenders - 1);
    }

    @Test
    void aDeclineSendsTheReferralBackToTheTopOfTheQueueAndTheProviderIsNeverProposedItAgain() {
        Account emptyOfficer = referrals.officerIn(referrals.departementWithoutReferrals());
        Referral referral = fixtures.eligible(advisor, officer);
        Childminder childminder = fixtures.childminder(2);
        ProviderRef ref = RoutingFixtures.ref(childminder);
        long offerId = offers.sendOffer(principal(officer), referral.getId(), ref, null).offerId();

        offers.decline(principal(fixtures.userOf(childminder.getOrganisation().getId())), offerId,
                DeclineReason.HOURS_UNSUITABLE, "Pas le mercredi");

        Referral back = referrals.reload(referral);
        assertThat(back.getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
        assertThat(back.isRoutingReturned()).isTrue();
        // Other tests return referrals in this département too: read the queue up to this one, all returned before it.
        List<ReferralToRoute> upToIt = new ArrayList<>();
        for (int page = 0; upToIt.stream().noneMatch(r -> r.referralId() == referral.getId()); page++) {
            Page<ReferralToRoute> rows = queues.toRoute(principal(officer), page);
            assertThat(rows.getContent()).as("the referral is in the queue").isNotEmpty();
            rows.getContent().stream().takeWhile(r -> upToIt.isEmpty() || upToIt.get(upToIt.size() - 1)
                    .referralId() != referral.getId()).forEach(upToIt::add);
        }
        assertThat(upToIt).as("returned referrals come first").allMatch(ReferralToRoute::returned);
        CandidateList candidates = search.candidates(principal(officer), referral.getId());
        assertThat(candidates.candidate(ref)).isEmpty();
        assertThat(candidates.exclusionOf(ref).orElseThrow().exclusions()).containsExactly(Exclusion.DECLINED_BEFORE);
        assertThatThrownBy(() -> offers.sendOffer(principal(officer), referral.getId(), ref, null))
                .isInstanceOfSatisfying(CandidateExcludedException.class,
                        ex -> assertThat(ex.getExclusions()).containsExactly(Exclusion.DECLINED_BEFORE));
        assertThat(queues.toRoute(principal(emptyOfficer), 0)).isEmpty();
    }

    @Test
    void anUnansweredOfferExpiresAtItsDeadlineOnceAndTheReferralReturnsToTheTopOfTheQueue() {
        Referral referral = fixtures.eligible(advisor, officer);
        ProviderRef creche = fixtures.creche(2);
        SentOffer sent = offers.sendOffer(principal(officer), referral.getId(), creche, null);

        expiry.expireDueAt(sent.deadlineAt().minusSeconds(1));
        assertThat(offerStatus(sent.offerId())).isEqualTo("PENDING");

        expiry.expireDueAt(sent.deadlineAt());
        assertThat(offerStatus(sent.offerId())).isEqualTo("EXPIRED");
        Referral back = referrals.reload(referral);
        assertThat(back.getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
        assertThat(back.isRoutingReturned()).isTrue();
        assertThat(back.getRoutingQueuedAt()).isEqualTo(sent.deadlineAt());
        List<ReferralTransition> timeline = referralService.timeline(referral.getId());
        assertThat(timeline).last().satisfies(row -> {
            assertThat(row.getFromStatus()).isEqualTo(ReferralStatus.OFFERED);
            assertThat(row.getToStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
            assertThat(row.getActor()).as("the system").isNull();
        });

        expiry.expireDueAt(sent.deadlineAt().plusSeconds(60));
        assertThat(referralService.timeline(referral.getId())).hasSameSizeAs(timeline);
        assertThat(search.candidates(principal(officer), referral.getId()).candidate(creche))
                .as("an expired offer does not exclude the provider").isPresent();
    }

    @Test
    void theExpiryJobDoesNothingWhileAnotherInstanceRunsIt() throws Exception {
        Referral referral = fixtures.eligible(advisor, officer);
        SentOffer sent = offers.sendOffer(principal(officer), referral.getId(), fixtures.creche(1), null);
        try (Connection otherInstance = dataSource.getConnection();
                PreparedStatement lock = otherInstance.prepareStatement("select pg_advisory_lock(?)");
                PreparedStatement unlock = otherInstance.prepareStatement("select pg_advisory_unlock(?)")) {
            lock.setLong(1, ExclusiveJobs.lockKey(OfferExpiry.JOB));
            lock.execute();
            try {
                assertThat(jobs.run(OfferExpiry.JOB, () -> expiry.expireDueAt(sent.deadlineAt())))
                        .isEqualTo(ExclusiveJobs.Result.SKIPPED);
                assertThat(offerStatus(sent.offerId())).isEqualTo("PENDING");
            }
            finally {
                unlock.setLong(1, ExclusiveJobs.lockKey(OfferExpiry.JOB));
                unlock.execute();
            }
        }
        assertThat(jobs.run(OfferExpiry.JOB, () -> expiry.expireDueAt(sent.deadlineAt())))
                .isEqualTo(ExclusiveJobs.Result.COMPLETED);
        assertThat(offerStatus(sent.offerId())).isEqualTo("EXPIRED");
    }

    @Test
    void anAnswerAfterTheDeadlineIsRefused() {
        Referral referral = fixtures.eligible(advisor, officer);
        Childminder childminder = fixtures.childminder(2);
        long offerId = offers.sendOffer(principal(officer), referral.getId(), RoutingFixtures.ref(childminder), null)
                .offerId();
        jdbc.sql("""
                        update offer set sent_at = now() - interval '3 days', deadline_at = now() - interval '1 day'
                        where id = ?""").param(offerId).update();
        CurrentUser provider = principal(fixtures.userOf(childminder.getOrganisation().getId()));

        assertThatThrownBy(() -> offers.accept(provider, offerId)).isInstanceOf(OfferExpiredException.class);
        assertThatThrownBy(() -> offers.decline(provider, offerId, DeclineReason.NO_CAPACITY, null))
                .isInstanceOf(OfferExpiredException.class);
        assertThat(offerStatus(offerId)).isEqualTo("PENDING");
        assertThat(views.forProvider(provider, offerId).isOverdue(clock.instant())).isTrue();
    }

    @Test
    void withdrawingFreesThePlaceHeldAndCancelsAPendingOffer() {
        Childminder childminder = fixtures.childminder(1);
        CurrentUser provider = principal(fixtures.userOf(childminder.getOrganisation().getId()));
        Referral arranged = fixtures.eligible(advisor, officer);
        long accepted = offers.sendOffer(principal(officer), arranged.getId(), RoutingFixtures.ref(childminder), null)
                .offerId();
        offers.accept(provider, accepted);
        Referral offered = fixtures.eligible(advisor, officer);
        long pending = offers.sendOffer(principal(officer), offered.getId(), fixtures.creche(1), null).offerId();

        referrals.withdraw(advisor, referrals.reload(arranged));
        referrals.withdraw(advisor, referrals.reload(offered));

        assertThat(jdbc.sql("select released_at is not null from place_hold where offer_id = ?").param(accepted)
                .query(Boolean.class).single()).isTrue();
        assertThat(offerStatus(pending)).isEqualTo("CANCELLED");
        Referral next = fixtures.eligible(advisor, officer);
        assertThat(search.candidates(principal(officer), next.getId()).candidate(RoutingFixtures.ref(childminder)))
                .as("the place is free again").isPresent();
    }

    @Test
    void theOutcomeClosesTheReferralFromTheFirstDayOfCareAndFreesThePlace() {
        Referral referral = fixtures.eligible(advisor, officer, referrals.family().on(fixtures.today()));
        Childminder childminder = fixtures.childminder(2);
        long offerId = offers.sendOffer(principal(officer), referral.getId(), RoutingFixtures.ref(childminder), null)
                .offerId();
        assertThatThrownBy(() -> referralService.recordOutcome(principal(advisor), referral.getId(), Outcome.JOB_STARTED,
                null)).isInstanceOf(IllegalReferralTransitionException.class);
        offers.accept(principal(fixtures.userOf(childminder.getOrganisation().getId())), offerId);
        assertThatThrownBy(() -> referralService.recordOutcome(principal(referrals.advisor()), referral.getId(),
                Outcome.JOB_STARTED, null)).as("another agency").isInstanceOf(NotFoundException.class);

        referralService.recordOutcome(principal(advisor), referral.getId(), Outcome.JOB_STARTED, null);

        Referral closed = referrals.reload(referral);
        assertThat(closed.getStatus()).isEqualTo(ReferralStatus.CLOSED);
        assertThat(closed.getOutcome()).isEqualTo(Outcome.JOB_STARTED);
        assertThat(jdbc.sql("select released_at is not null from place_hold where offer_id = ?").param(offerId)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void theOutcomeWaitsForTheFirstDayOfCare() {
        Referral referral = fixtures.eligible(advisor, officer);
        ProviderRef service = fixtures.creche(1);
        long offerId = offers.sendOffer(principal(officer), referral.getId(), service, null).offerId();
        offers.accept(principal(fixtures.userOf(fixtures.organisationOf(service))), offerId);

        assertThatThrownBy(() -> referralService.recordOutcome(principal(advisor), referral.getId(), Outcome.JOB_STARTED,
                null)).isInstanceOf(OutcomeTooEarlyException.class);
    }

    @Test
    void noSolutionIsRecordedWithItsReason() {
        Referral referral = fixtures.eligible(advisor, officer);

        offers.recordNoSolution(principal(officer), referral.getId(), NoSolutionReason.NO_CAPACITY, null);

        Referral ended = referrals.reload(referral);
        assertThat(ended.getStatus()).isEqualTo(ReferralStatus.NO_SOLUTION);
        assertThat(ended.getNoSolutionReason()).isEqualTo(NoSolutionReason.NO_CAPACITY);
        Account elsewhere = referrals.officerIn(referrals.departementWithEmptyQueue());
        assertThatThrownBy(() -> offers.recordNoSolution(principal(elsewhere), referral.getId(),
                NoSolutionReason.OTHER, "x")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aProviderSeesOnlyItsOwnOffersAndTheParentsContactOnlyOnceAccepted() {
        Referral referral = fixtures.eligible(advisor, officer);
        Childminder mine = fixtures.childminder(2);
        Childminder other = fixtures.childminder(2);
        CurrentUser me = principal(fixtures.userOf(mine.getOrganisation().getId()));
        CurrentUser someoneElse = principal(fixtures.userOf(other.getOrganisation().getId()));
        long offerId = offers.sendOffer(principal(officer), referral.getId(), RoutingFixtures.ref(mine), "Merci")
                .offerId();

        ProviderOffer pending = views.forProvider(me, offerId);
        assertThat(pending.status()).isEqualTo(OfferStatus.PENDING);
        assertThat(pending.parentContact()).isEmpty();
        assertThat(pending.children()).singleElement().satisfies(child -> assertThat(child.years()).isEqualTo(4));
        assertThat(pending.communeCode()).isEqualTo(RoutingFixtures.EVRY);
        assertThat(pending.timeLeft(clock.instant())).isPositive();
        assertThat(views.forProvider(me, OfferStatus.PENDING, 0).getContent())
                .allSatisfy(row -> assertThat(row.parentContact()).isEmpty())
                .extracting(ProviderOffer::offerId).contains(offerId);

        assertThatThrownBy(() -> views.forProvider(someoneElse, offerId)).isInstanceOf(NotFoundException.class);
        assertThat(views.forProvider(someoneElse, OfferStatus.PENDING, 0)).isEmpty();
        assertThatThrownBy(() -> offers.accept(someoneElse, offerId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> views.forProvider(principal(officer), offerId)).isInstanceOf(NotFoundException.class);

        offers.accept(me, offerId);

        ProviderOffer accepted = views.forProvider(me, offerId);
        assertThat(accepted.parentContact()).hasValueSatisfying(contact -> {
            assertThat(contact.lastName()).isEqualTo(referral.getParentLastName());
            assertThat(contact.phone()).isEqualTo("06 12 34 56 78");
        });
        assertThat(views.forProvider(me, OfferStatus.ACCEPTED, 0).getContent())
                .filteredOn(row -> row.offerId() == offerId).singleElement()
                .satisfies(row -> assertThat(row.parentContact()).isPresent());
    }

    @Test
    void theReferralsOfferHistoryIsScopedAndNamesProvidersOnlyToTheOfficer() {
        Referral referral = fixtures.eligible(advisor, officer);
        Childminder childminder = fixtures.childminder(2);
        offers.sendOffer(principal(officer), referral.getId(), RoutingFixtures.ref(childminder), null);

        assertThat(views.forReferral(principal(advisor), referral.getId())).singleElement().satisfies(row -> {
            assertThat(row.providerKind()).isEqualTo(ProviderKind.CHILDMINDER);
            assertThat(row.providerName()).isNull();
            assertThat(row.communeCode()).isEqualTo(RoutingFixtures.EVRY);
            assertThat(row.status()).isEqualTo(OfferStatus.PENDING);
        });
        assertThat(views.forReferral(principal(officer), referral.getId())).singleElement()
                .satisfies(row -> assertThat(row.providerName()).isEqualTo("Sophie Testeuse"));
        assertThatThrownBy(() -> views.forReferral(principal(referrals.advisor()), referral.getId()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> views.forReferral(principal(referrals.officerIn(
                referrals.departementWithEmptyQueue())), referral.getId())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theOfficersCountsFollowTheOffers() {
        Referral referral = fixtures.eligible(advisor, officer);
        RoutingQueues.OfficerCounts before = queues.officerCounts(principal(officer));
        long offerId = offers.sendOffer(principal(officer), referral.getId(), fixtures.creche(1), null).offerId();

        RoutingQueues.OfficerCounts sent = queues.officerCounts(principal(officer));
        assertThat(sent.toRoute()).isEqualTo(before.toRoute() - 1);
        assertThat(sent.offersPending()).isEqualTo(before.offersPending() + 1);
        assertThat(queues.pendingOffers(principal(officer), 0).getTotalElements()).isEqualTo(sent.offersPending());

        jdbc.sql("""
                        update offer set sent_at = now() - interval '3 days', deadline_at = now() - interval '1 day'
                        where id = ?""").param(offerId).update();
        assertThat(queues.officerCounts(principal(officer)).overdue()).isEqualTo(sent.overdue() + 1);
    }

    @Test
    void aSearchRunsTheSameStatementsWhateverTheNumberOfProviders() throws Exception {
        Referral referral = fixtures.eligible(advisor, officer);
        fixtures.childminder(1);
        long few = statements.count(() -> search.candidates(principal(officer), referral.getId()));
        for (int i = 0; i < 4; i++) {
            fixtures.childminder(2);
            fixtures.creche(1);
        }
        long many = statements.count(() -> search.candidates(principal(officer), referral.getId()));

        assertThat(many).isEqualTo(few).isLessThanOrEqualTo(6);
    }

    @Test
    void aPageReadsTheNearestRingsUntilItHasEnoughOfBothListsAndShowsWhatTheWholeSearchShowsFirst() throws Exception {
        Referral referral = fixtures.eligible(advisor, officer);
        fixtures.childminder(2);
        Childminder suspended = fixtures.childminder(2);
        registry.suspendLabel(fixtures.admin, suspended.getId(),
                registry.currentLabel(suspended.getId()).orElseThrow().getVersion(), "Contrôle PMI");
        Childminder far = fixtures.childminderIn(ETAMPES, 2);

        CandidateList whole = search.candidates(principal(officer), referral.getId());
        CandidateList nearest = search.candidates(principal(officer), referral.getId(), 1);
        long statementsOfTheNearest = statements.count(
                () -> search.candidates(principal(officer), referral.getId(), 1));

        assertThat(whole.complete()).isTrue();
        assertThat(whole.candidate(RoutingFixtures.ref(far))).isPresent();
        assertThat(nearest.complete()).isFalse();
        assertThat(nearest.candidate(RoutingFixtures.ref(far))).isEmpty();
        assertThat(nearest.ranked().get(0)).isEqualTo(whole.ranked().get(0));
        assertThat(nearest.excluded().get(0)).isEqualTo(whole.excluded().get(0));
        assertThat(nearest.ranked()).allMatch(candidate -> candidate.proximity() == Proximity.SAME_COMMUNE);
        assertThat(statementsOfTheNearest).isLessThanOrEqualTo(6);

        CandidateList enough = search.candidates(principal(officer), referral.getId(), 100_000);
        assertThat(enough.complete()).isTrue();
        assertThat(enough.ranked()).isEqualTo(whole.ranked());
        assertThat(enough.excluded()).isEqualTo(whole.excluded());
    }

    @Test
    void anOfferToAProviderOutOfTheAreaIsRefusedWithoutReasonAndAnExcludedOneWithItsOwn() {
        Referral referral = fixtures.eligible(advisor, officer);
        Childminder suspended = fixtures.childminder(2);
        registry.suspendLabel(fixtures.admin, suspended.getId(),
                registry.currentLabel(suspended.getId()).orElseThrow().getVersion(), "Contrôle PMI");
        Childminder elsewhere = fixtures.childminderIn(PARIS, 2);

        assertThatThrownBy(() -> offers.sendOffer(principal(officer), referral.getId(),
                RoutingFixtures.ref(suspended), null)).isInstanceOfSatisfying(CandidateExcludedException.class,
                        refused -> assertThat(refused.getExclusions()).containsExactly(Exclusion.LABEL_SUSPENDED));
        assertThatThrownBy(() -> offers.sendOffer(principal(officer), referral.getId(),
                RoutingFixtures.ref(elsewhere), null)).isInstanceOfSatisfying(CandidateExcludedException.class,
                        refused -> assertThat(refused.getExclusions()).isEmpty());
        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
    }

    @Test
    void aSuspendedLabelExcludesTheChildminderAndRefusesTheOffer() {
        Referral referral = fixtures.eligible(advisor, officer);
        Childminder childminder = fixtures.childminder(2);
        registry.suspendLabel(fixtures.admin, childminder.getId(),
                registry.currentLabel(childminder.getId()).orElseThrow().getVersion(), "Contrôle PMI");

        assertThat(search.candidates(principal(officer), referral.getId())
                .exclusionOf(RoutingFixtures.ref(childminder)).orElseThrow().exclusions())
                .containsExactly(Exclusion.LABEL_SUSPENDED);
        assertThatThrownBy(() -> offers.sendOffer(principal(officer), referral.getId(),
                RoutingFixtures.ref(childminder), null)).isInstanceOf(CandidateExcludedException.class);
        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
    }

    @Test
    void aChildminderWhoseLabelWasSuspendedWhileTheOfferWaitedCannotAcceptIt() {
        Referral referral = fixtures.eligible(advisor, officer);
        Childminder childminder = fixtures.childminder(2);
        long offerId = offers.sendOffer(principal(officer), referral.getId(), RoutingFixtures.ref(childminder), null)
                .offerId();
        registry.suspendLabel(fixtures.admin, childminder.getId(),
                registry.currentLabel(childminder.getId()).orElseThrow().getVersion(), "Contrôle PMI");
        CurrentUser provider = principal(fixtures.userOf(childminder.getOrganisation().getId()));

        assertThatThrownBy(() -> offers.accept(provider, offerId))
                .isInstanceOfSatisfying(ProviderNoLongerEligibleException.class, ex -> {
                    assertThat(ex.getExclusions()).containsExactly(Exclusion.LABEL_SUSPENDED);
                    assertThat(ex.getMessageCode()).isEqualTo("routing.error.noLongerEligible");
                });

        assertThat(holds(offerId)).as("nothing held").isZero();
        assertThat(offerStatus(offerId)).isEqualTo("PENDING");
        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.OFFERED);
        offers.decline(provider, offerId, DeclineReason.NO_CAPACITY, null);
        assertThat(offerStatus(offerId)).as("declining is still possible").isEqualTo("DECLINED");
    }

    @Test
    void aChildminderDeactivatedWhileTheOfferWaitedCannotAcceptIt() {
        Referral referral = fixtures.eligible(advisor, officer);
        Childminder childminder = fixtures.childminder(2);
        long offerId = offers.sendOffer(principal(officer), referral.getId(), RoutingFixtures.ref(childminder), null)
                .offerId();
        registry.deactivate(fixtures.admin, childminder.getId(), registry.get(childminder.getId()).getVersion());

        assertThatThrownBy(() -> offers.accept(principal(fixtures.userOf(childminder.getOrganisation().getId())),
                offerId)).isInstanceOfSatisfying(ProviderNoLongerEligibleException.class,
                        ex -> assertThat(ex.getExclusions()).containsExactly(Exclusion.SERVICE_INACTIVE));
        assertThat(holds(offerId)).isZero();
        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.OFFERED);
    }

    @Test
    void anOfferCancelledByTheFamilysWithdrawalSaysSoWhenTheProviderAnswers() {
        Referral referral = fixtures.eligible(advisor, officer);
        ProviderRef creche = fixtures.creche(1);
        long offerId = offers.sendOffer(principal(officer), referral.getId(), creche, null).offerId();
        referrals.withdraw(advisor, referrals.reload(referral));
        CurrentUser provider = principal(fixtures.userOf(fixtures.organisationOf(creche)));

        assertThatThrownBy(() -> offers.accept(provider, offerId)).isInstanceOfSatisfying(
                OfferCancelledException.class,
                ex -> assertThat(ex.getMessageCode()).isEqualTo("routing.error.cancelled"));
        assertThatThrownBy(() -> offers.decline(provider, offerId, DeclineReason.NO_CAPACITY, null))
                .isInstanceOf(OfferCancelledException.class);
        assertThat(offerStatus(offerId)).isEqualTo("CANCELLED");
        assertThat(holds(offerId)).isZero();
    }

    @Test
    void aDoubleClickOnAcceptForTheLastPlaceAcceptsOnceAndNeverSaysFull() throws Exception {
        for (int round = 0; round < 3; round++) {
            Childminder childminder = fixtures.childminder(1);
            Referral referral = fixtures.eligible(advisor, officer);
            long offerId = offers.sendOffer(principal(officer), referral.getId(), RoutingFixtures.ref(childminder),
                    null).offerId();
            CurrentUser provider = principal(fixtures.userOf(childminder.getOrganisation().getId()));

            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<String> click = () -> {
                    start.await();
                    try {
                        offers.accept(provider, offerId);
                        return "accepted";
                    }
                    catch (OfferAlreadyAnsweredException | ObjectOptimisticLockingFailureException answered) {
                        return "already answered";
                    }
                };
                Future<String> first = pool.submit(click);
                Future<String> second = pool.submit(click);
                start.countDown();
                // A ProviderFullException fails the test here (ExecutionException).
                assertThat(List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS)))
                        .containsExactlyInAnyOrder("accepted", "already answered");
            }
            finally {
                pool.shutdownNow();
            }
            assertThat(holds(offerId)).isEqualTo(1);
            assertThat(offerStatus(offerId)).isEqualTo("ACCEPTED");
            assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.CARE_ARRANGED);
        }
    }

    @Test
    void anAcceptanceLocksTheReferralBeforeTheOfferAndTheProviderLikeAWithdrawalDoes() throws Exception {
        Referral referral = fixtures.eligible(advisor, officer);
        Childminder childminder = fixtures.childminder(1);
        long offerId = offers.sendOffer(principal(officer), referral.getId(), RoutingFixtures.ref(childminder), null)
                .offerId();
        CurrentUser provider = principal(fixtures.userOf(childminder.getOrganisation().getId()));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection withdrawal = dataSource.getConnection()) {
            // A withdrawal in progress holds the referral's row.
            withdrawal.setAutoCommit(false);
            lock(withdrawal, "select id from referral where id = ? for update", referral.getId());
            Future<?> accepting = pool.submit(() -> offers.accept(provider, offerId));
            awaitSomeoneWaitingForALock();

            assertThat(lockableNow("select id from offer where id = ? for update nowait", offerId))
                    .as("the acceptance waits for the referral before touching the offer").isTrue();
            assertThat(lockableNow("select id from childminder where id = ? for update nowait",
                    childminder.getId())).as("nor the provider").isTrue();

            withdrawal.rollback();
            accepting.get(30, TimeUnit.SECONDS);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.CARE_ARRANGED);
    }

    @Test
    void theExpiryJobSkipsTheOffersBeingAnsweredAndExpiresTheOthers() throws Exception {
        SentOffer beingAnswered = offers.sendOffer(principal(officer), fixtures.eligible(advisor, officer).getId(),
                fixtures.creche(1), null);
        SentOffer beingWithdrawn = offers.sendOffer(principal(officer), fixtures.eligible(advisor, officer).getId(),
                fixtures.creche(1), null);
        SentOffer idle = offers.sendOffer(principal(officer), fixtures.eligible(advisor, officer).getId(),
                fixtures.creche(1), null);
        Instant due = idle.deadlineAt();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection answer = dataSource.getConnection(); Connection withdrawal = dataSource.getConnection()) {
            answer.setAutoCommit(false);
            withdrawal.setAutoCommit(false);
            lock(answer, "select id from offer where id = ? for update", beingAnswered.offerId());
            lock(withdrawal, "select id from referral where id = ? for update", beingWithdrawn.referralId());

            Future<Integer> run = pool.submit(() -> expiry.expireDueAt(due));
            try {
                assertThat(run.get(20, TimeUnit.SECONDS)).isPositive();
            }
            catch (TimeoutException blocked) {
                throw new AssertionError("the expiry job waited for a row another transaction holds", blocked);
            }
            finally {
                answer.rollback();
                withdrawal.rollback();
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(offerStatus(idle.offerId())).isEqualTo("EXPIRED");
        assertThat(offerStatus(beingAnswered.offerId())).isEqualTo("PENDING");
        assertThat(offerStatus(beingWithdrawn.offerId())).isEqualTo("PENDING");

        expiry.expireDueAt(due);
        assertThat(offerStatus(beingAnswered.offerId())).as("the next run takes them").isEqualTo("EXPIRED");
        assertThat(offerStatus(beingWithdrawn.offerId())).isEqualTo("EXPIRED");
    }

    @Test
    void aCrecheWithoutEmergencyPlaceIsListedAsExcludedWithItsReason() {
        Referral referral = fixtures.eligible(advisor, officer);
        ProviderRef creche = fixtures.creche(0);

        CandidateList candidates = search.candidates(principal(officer), referral.getId());

        assertThat(candidates.candidate(creche)).isEmpty();
        assertThat(candidates.exclusionOf(creche).orElseThrow().exclusions())
                .containsExactly(Exclusion.NO_AVIP_PLACE);
    }

    private static void lock(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            statement.execute();
        }
    }

    /** Whether another transaction could lock that row at once; rolled back right away. */
    private boolean lockableNow(String sql, long id) throws SQLException {
        try (Connection probe = dataSource.getConnection()) {
            probe.setAutoCommit(false);
            try {
                lock(probe, sql, id);
                return true;
            }
            catch (SQLException ex) {
                if ("55P03".equals(ex.getSQLState())) {
                    return false;
                }
                throw ex;
            }
            finally {
                probe.rollback();
            }
        }
    }

    private void awaitSomeoneWaitingForALock() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            long waiting = jdbc.sql("""
                            select count(*) from pg_stat_activity
                            where datname = current_database() and wait_event_type = 'Lock'""")
                    .query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nobody waits for a lock");
    }

    private CurrentUser principal(Account account) {
        return referrals.principal(account);
    }

    private int holds(long offerId) {
        return jdbc.sql("select coalesce(sum(places), 0) from place_hold where offer_id = ?").param(offerId)
                .query(Integer.class).single();
    }

    private String offerStatus(long offerId) {
        return jdbc.sql("select status from offer where id = ?").param(offerId).query(String.class).single();
    }
}
