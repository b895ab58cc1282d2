package fr.passerelle.routing.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.RoutingFixtures;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * When the nearer rings already hold the refused providers a page shows, the search reads only a ring's providers
 * the rules may accept and counts the others: the page must show what the whole search would show. Each rule's case
 * is put in the farthest ring and the page's search compared with the whole one.
 */
@IntegrationTest
class RingCandidatesOnlyTest {

    /** A family's commune of Essonne that no other test uses, and another of its EPCI. */
    private static final String ABBEVILLE = "91001";
    private static final String ANGERVILLE = "91016";

    /** In Essonne, in another EPCI than Abbéville-la-Rivière's. */
    private static final String ARPAJON = "91021";

    /** Another commune of Essonne no other test uses, and another of its EPCI. */
    private static final String ANGERVILLIERS = "91017";
    private static final String BRIIS = "91111";

    private static final int SHOWN = 3;

    @Autowired
    CandidateSearch search;

    @Autowired
    OfferService offers;

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

    RoutingFixtures fixtures;
    Account advisor;
    Account officer;
    LocalDate day;

    @BeforeEach
    void setUp() {
        fixtures = new RoutingFixtures(accounts, referrals, registry, jdbc, clock, organisations);
        advisor = referrals.advisor();
        officer = referrals.officerIn(ReferralFixtures.ESSONNE);
        day = fixtures.today().plusDays(7);
    }

    @Test
    void thePageShowsTheCandidatesAndCountsTheRefusedProvidersAsTheWholeSearchDoes() {
        // A child of 20 months: too young for a childminder taking children from two years.
        Referral referral = fixtures.eligible(advisor, officer, referrals.family().livingIn(ABBEVILLE, "91")
                .child("Noah", day.minusMonths(20)).on(day));
        // The nearer rings: one candidate, and more refused providers than a page shows.
        ProviderRef near = RoutingFixtures.ref(fixtures.childminderIn(ABBEVILLE, 1));
        for (int i = 0; i < SHOWN; i++) {
            fixtures.childminderIn(ANGERVILLE, 0);
        }
        // The farthest ring: candidates, and a provider refused by each rule the search filters on.
        ProviderRef two = RoutingFixtures.ref(fixtures.childminderIn(ARPAJON, 2));
        ProviderRef one = RoutingFixtures.ref(fixtures.childminderIn(ARPAJON, 1));
        ProviderRef creche = fixtures.crecheIn("91", ARPAJON, 2);
        Childminder suspended = fixtures.childminderIn(ARPAJON, 2);
        jdbc.sql("update avip_label set suspended_since = current_date, suspension_reason = 'Contrôle' where childminder_id = ?")
                .param(suspended.getId()).update();
        Childminder labelEnding = fixtures.childminderIn(ARPAJON, 2);
        jdbc.sql("update avip_label set valid_to = ? where childminder_id = ?").param(day.minusDays(1))
                .param(labelEnding.getId()).update();
        Childminder labelStarting = fixtures.childminderIn(ARPAJON, 2);
        jdbc.sql("update avip_label set valid_from = ? where childminder_id = ?").param(day.plusDays(1))
                .param(labelStarting.getId()).update();
        Childminder agreementEnding = fixtures.childminderIn(ARPAJON, 2);
        jdbc.sql("update childminder set agreement_end_date = ? where id = ?").param(day.minusDays(1))
                .param(agreementEnding.getId()).update();
        fixtures.childminderIn(ARPAJON, 0);
        Childminder tooYoung = fixtures.childminderIn(ARPAJON, 2);
        jdbc.sql("update childminder set min_age_months = 24 where id = ?").param(tooYoung.getId()).update();
        Childminder tooOld = fixtures.childminderIn(ARPAJON, 2);
        jdbc.sql("update childminder set max_age_months = 19 where id = ?").param(tooOld.getId()).update();
        Childminder away = fixtures.childminderIn(ARPAJON, 2);
        jdbc.sql("""
                        insert into childminder_absence (childminder_id, reason, first_day, last_day, created_at,
                                                         created_by)
                        values (?, 'HOLIDAY', ?, ?, now(), ?)""")
                .param(away.getId()).param(day.minusDays(2)).param(day).param(fixtures.admin.getUserId()).update();
        fixtures.crecheIn("91", ARPAJON, 0);
        ProviderRef full = RoutingFixtures.ref(fixtures.childminderIn(ARPAJON, 1));
        hold(full);
        ProviderRef declined = RoutingFixtures.ref(fixtures.childminderIn(ARPAJON, 2));
        CurrentUser officerUser = referrals.principal(officer);
        offers.decline(referrals.principal(fixtures.userOf(fixtures.organisationOf(declined))),
                offers.sendOffer(officerUser, referral.getId(), declined, "Entretien").offerId(),
                DeclineReason.NO_CAPACITY, null);

        CandidateList whole = search.candidates(officerUser, referral.getId());
        // Other tests' childminders may live in the nearer rings too: the page asks for one candidate more than they
        // hold, so that it reads the farthest ring, and they hold at least as many refused providers.
        int wanted = (int) nearer(whole.ranked()) + 1;
        while (nearer(whole.excluded()) < wanted) {
            fixtures.childminderIn(ANGERVILLE, 0);
            whole = search.candidates(officerUser, referral.getId());
        }
        CandidateList page = search.candidates(officerUser, referral.getId(), wanted);

        assertThat(whole.ranked()).extracting(Candidate::provider).contains(near, two, one, creche)
                .doesNotContain(full, declined);
        assertThat(page.complete()).isTrue();
        assertThat(page.ranked()).isEqualTo(whole.ranked());
        assertThat(page.excludedCount()).isEqualTo(whole.excluded().size());
        assertThat(page.excluded()).as("only the farthest ring's refused providers the filter let through are read")
                .hasSizeLessThan(whole.excluded().size() - 8);
        assertThat(page.excluded().subList(0, wanted)).isEqualTo(whole.excluded().subList(0, wanted));
    }

    @Test
    void aRingOfTheEpciIsReadForItsCandidatesWhenTheCommuneHoldsTheRefusedProvidersShown() {
        Referral referral = fixtures.eligible(advisor, officer, referrals.family().livingIn(ANGERVILLIERS, "91")
                .on(day));
        for (int i = 0; i < SHOWN; i++) {
            fixtures.childminderIn(ANGERVILLIERS, 0);
        }
        for (int i = 0; i < SHOWN; i++) {
            fixtures.childminderIn(BRIIS, 1);
            fixtures.childminderIn(BRIIS, 0);
        }
        CurrentUser officerUser = referrals.principal(officer);
        CandidateList whole = search.candidates(officerUser, referral.getId());

        CandidateList page = search.candidates(officerUser, referral.getId(), SHOWN);

        assertThat(page.complete()).isFalse();
        assertThat(page.ranked()).isEqualTo(whole.ranked().subList(0, page.ranked().size()));
        assertThat(page.ranked()).extracting(Candidate::proximity).doesNotContain(Proximity.SAME_DEPARTEMENT);
        assertThat(page.excludedCount()).isEqualTo(whole.excluded().stream()
                .filter(candidate -> candidate.proximity() != Proximity.SAME_DEPARTEMENT).count());
        assertThat(page.excluded()).extracting(Candidate::proximity).containsOnly(Proximity.SAME_COMMUNE);
        assertThat(page.excluded().subList(0, SHOWN)).isEqualTo(whole.excluded().subList(0, SHOWN));
    }

    @Test
    void withTooFewRefusedProvidersNearbyTheFarthestRingIsReadWhole() {
        Referral referral = fixtures.eligible(advisor, officer, referrals.family().livingIn(ABBEVILLE, "91")
                .on(day));
        CurrentUser officerUser = referrals.principal(officer);
        CandidateList whole = search.candidates(officerUser, referral.getId());

        // More than both lists: no ring is left out nor read for its candidates only.
        CandidateList page = search.candidates(officerUser, referral.getId(),
                Math.max(whole.ranked().size(), whole.excluded().size()) + 1);

        assertThat(page.ranked()).isEqualTo(whole.ranked());
        assertThat(page.excluded()).isEqualTo(whole.excluded());
        assertThat(page.excludedCount()).isEqualTo(whole.excluded().size());
    }

    /** An offer of another family's, for the same day, accepted by the childminder: her one place is held. */
    private void hold(ProviderRef childminder) {
        Referral other = fixtures.eligible(advisor, officer, referrals.family().livingIn(ARPAJON, "91").on(day));
        long offerId = offers.sendOffer(referrals.principal(officer), other.getId(), childminder, "Entretien")
                .offerId();
        offers.accept(referrals.principal(fixtures.userOf(fixtures.organisationOf(childminder))), offerId);
    }

    /** How many of the providers are in the family's commune or its EPCI. */
    private static long nearer(List<Candidate> providers) {
        return providers.stream().filter(candidate -> candidate.proximity() != Proximity.SAME_DEPARTEMENT).count();
    }

}
