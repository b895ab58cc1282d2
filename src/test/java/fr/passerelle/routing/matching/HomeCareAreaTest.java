package fr.passerelle.routing.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.RoutingFixtures;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The home-care services an emergency considers, on the real PostgreSQL: those covering the family's commune, and
 * those covering only another commune of its EPCI (found through {@code home_care_epci_coverage}, kept by triggers
 * on every change of coverage or of a commune's EPCI).
 */
@IntegrationTest
class HomeCareAreaTest {

    /** In Essonne, in another EPCI than Évry's. */
    private static final String ETAMPES = "91223";

    @Autowired
    CandidateSearch search;

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
    String neighbour;

    @BeforeEach
    void setUp() {
        fixtures = new RoutingFixtures(accounts, referrals, registry, jdbc, clock, organisations);
        advisor = referrals.advisor();
        officer = referrals.officerIn(ReferralFixtures.ESSONNE);
        neighbour = jdbc.sql("""
                        select insee_code from commune
                        where epci_code = (select epci_code from commune where insee_code = ?) and insee_code <> ?
                        order by insee_code limit 1""")
                .param(RoutingFixtures.EVRY).param(RoutingFixtures.EVRY).query(String.class).single();
    }

    @Test
    void aServiceCoveringOnlyANeighbourOfTheEpciIsShownAsNotCoveringAndOneFurtherAwayIsNotConsidered() {
        Referral referral = fixtures.emergency(advisor, officer);
        ProviderRef covering = fixtures.homeCareService();
        ProviderRef neighbouring = serviceCovering(List.of(neighbour));
        ProviderRef farther = serviceCovering(List.of(ETAMPES));

        CandidateList candidates = search.candidates(referrals.principal(officer), referral.getId());

        assertThat(candidates.candidate(covering)).isPresent();
        assertThat(candidates.exclusionOf(neighbouring)).hasValueSatisfying(candidate ->
                assertThat(candidate.exclusions()).containsExactly(Exclusion.NOT_COVERED));
        assertThat(candidates.candidate(farther)).isEmpty();
        assertThat(candidates.exclusionOf(farther)).isEmpty();
    }

    @Test
    void theEpciRowsFollowEveryChangeOfCoverage() {
        ProviderRef service = serviceCovering(List.of(neighbour, RoutingFixtures.EVRY, ETAMPES));
        assertThat(epciRows(service)).containsExactlyInAnyOrderElementsOf(
                List.of(epciOf(RoutingFixtures.EVRY) + ":2", epciOf(ETAMPES) + ":1"));

        jdbc.sql("delete from home_care_coverage where service_id = ? and commune_code = ?").param(service.id())
                .param(RoutingFixtures.EVRY).update();
        assertThat(epciRows(service)).containsExactlyInAnyOrder(epciOf(neighbour) + ":1", epciOf(ETAMPES) + ":1");

        jdbc.sql("update home_care_coverage set commune_code = ? where service_id = ? and commune_code = ?")
                .param(RoutingFixtures.EVRY).param(service.id()).param(ETAMPES).update();
        assertThat(epciRows(service)).containsExactly(epciOf(neighbour) + ":2");

        jdbc.sql("delete from home_care_coverage where service_id = ?").param(service.id()).update();
        assertThat(epciRows(service)).isEmpty();
    }

    @Test
    void aCommuneMovingToAnotherEpciMovesTheServicesCoveringIt() {
        ProviderRef service = serviceCovering(List.of(ETAMPES));
        String epci = epciOf(ETAMPES);
        String other = epciOf(RoutingFixtures.EVRY);
        try {
            jdbc.sql("update commune set epci_code = ? where insee_code = ?").param(other).param(ETAMPES).update();
            assertThat(epciRows(service)).containsExactly(other + ":1");
        }
        finally {
            jdbc.sql("update commune set epci_code = ? where insee_code = ?").param(epci).param(ETAMPES).update();
        }
        assertThat(epciRows(service)).containsExactly(epci + ":1");
    }

    /** A new active home-care service covering these communes, inserted in one statement. */
    private ProviderRef serviceCovering(List<String> communes) {
        ProviderRef service = fixtures.homeCareService();
        jdbc.sql("delete from home_care_coverage where service_id = ?").param(service.id()).update();
        jdbc.sql("insert into home_care_coverage (service_id, commune_code) select ?, unnest(?::varchar[])")
                .param(service.id()).param(communes.toArray(String[]::new)).update();
        return service;
    }

    private List<String> epciRows(ProviderRef service) {
        return jdbc.sql("select epci_code || ':' || communes from home_care_epci_coverage where service_id = ?")
                .param(service.id()).query(String.class).list();
    }

    private String epciOf(String commune) {
        return jdbc.sql("select epci_code from commune where insee_code = ?").param(commune).query(String.class)
                .single();
    }
}
