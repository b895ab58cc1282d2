package fr.passerelle.routing.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.provider.Childminders;
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
 * The routing search reads the childminders ever labelled AVIP, marked by triggers on {@code avip_label} (V30):
 * one never labelled is not part of the scheme, neither candidate nor excluded; a label granted makes her one, in
 * the registry or in bulk (the national data script); a revoked label leaves her excluded, with the reason.
 */
@IntegrationTest
class LabelledChildminderTest {

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
    Account officer;
    Referral referral;

    @BeforeEach
    void setUp() {
        fixtures = new RoutingFixtures(accounts, referrals, registry, jdbc, clock, organisations);
        officer = referrals.officerIn(ReferralFixtures.ESSONNE);
        referral = fixtures.eligible(referrals.advisor(), officer);
    }

    @Test
    void aChildminderBecomesPartOfTheSearchWhenSheIsGrantedALabelAndStaysExcludedOnceItIsRevoked() {
        Childminder childminder = registry.register(fixtures.admin,
                Childminders.details(RoutingFixtures.EVRY, fixtures.today().plusYears(3)));
        ProviderRef ref = RoutingFixtures.ref(childminder);
        assertThat(labelled(childminder.getId())).isFalse();
        assertThat(search().candidate(ref)).isEmpty();
        assertThat(search().exclusionOf(ref)).isEmpty();

        registry.grantLabel(fixtures.admin, childminder.getId(), 0, fixtures.today().minusDays(1),
                fixtures.today().plusYears(2));
        assertThat(labelled(childminder.getId())).isTrue();
        assertThat(search().candidate(ref)).isPresent();

        long label = registry.currentLabel(childminder.getId()).orElseThrow().getId();
        jdbc.sql("update avip_label set revoked_at = now(), revocation_reason = 'Contrôle' where id = ?")
                .param(label).update();
        assertThat(labelled(childminder.getId())).as("ever labelled").isTrue();
        assertThat(search().exclusionOf(ref)).hasValueSatisfying(candidate ->
                assertThat(candidate.exclusions()).contains(Exclusion.LABEL_SUSPENDED));
    }

    @Test
    void labelsInsertedInOneStatementMarkEachOfTheirChildminders() {
        Childminder first = registry.register(fixtures.admin,
                Childminders.details(RoutingFixtures.EVRY, fixtures.today().plusYears(3)));
        Childminder second = registry.register(fixtures.admin,
                Childminders.details(RoutingFixtures.EVRY, fixtures.today().plusYears(3)));
        Childminder neverLabelled = registry.register(fixtures.admin,
                Childminders.details(RoutingFixtures.EVRY, fixtures.today().plusYears(3)));

        jdbc.sql("""
                        insert into avip_label (childminder_id, valid_from, valid_to)
                        select unnest(?::bigint[]), current_date - 1, current_date + 365""")
                .param(new Long[] {first.getId(), second.getId()}).update();

        assertThat(labelled(first.getId())).isTrue();
        assertThat(labelled(second.getId())).isTrue();
        assertThat(labelled(neverLabelled.getId())).isFalse();
        assertThat(search().candidate(RoutingFixtures.ref(first))).isPresent();
        assertThat(search().candidate(RoutingFixtures.ref(neverLabelled))).isEmpty();
    }

    private CandidateList search() {
        return search.candidates(referrals.principal(officer), referral.getId());
    }

    private boolean labelled(long childminderId) {
        return jdbc.sql("select labelled from childminder where id = ?").param(childminderId).query(Boolean.class)
                .single();
    }
}
