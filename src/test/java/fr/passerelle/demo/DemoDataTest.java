package fr.passerelle.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import fr.passerelle.provider.AvipLabelStatus;
import fr.passerelle.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import fr.passerelle.provider.AvipLabelRepository;

@IntegrationTest
@ActiveProfiles("demo")
class DemoDataTest {

    private static final List<String> TABLES = List.of("organisation", "user_account", "childminder", "avip_label",
            "avip_label_event", "home_care_service", "home_care_coverage", "creche", "referral", "referral_child",
            "referral_transition");

    @Autowired
    DemoData demoData;

    @Autowired
    DemoReferrals demoReferrals;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuthenticationManager authenticationManager;

    @Autowired
    AvipLabelRepository labels;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Clock clock;

    @Test
    void loadingAgainChangesNothing() {
        Map<String, Long> before = counts();

        demoData.run(new DefaultApplicationArguments());
        demoReferrals.run(new DefaultApplicationArguments());

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void theOfficerFindsReferralsToReviewAndAnAdvisorADraft() {
        Map<String, Long> byStatus = jdbc.sql("""
                        select r.status, count(*) from referral r join user_account u on u.id = r.created_by
                        where u.username like 'conseiller.%' group by r.status""")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(byStatus).containsAllEntriesOf(Map.of("SUBMITTED", 2L, "INFORMATION_REQUESTED", 1L, "DRAFT", 1L));
    }

    @Test
    void everyDemoAccountSignsInWithTheDocumentedPassword() {
        List<String> usernames = new java.util.ArrayList<>(List.of("agent.caf", "admin.caf", "conseiller.evry",
                "conseiller.massy", "conseiller.mission-locale", "sad.essonne", "sad.nord", "creche.petits-pas"));
        DemoData.CHILDMINDERS.forEach(childminder -> usernames.add(childminder.username()));

        assertThat(usernames).hasSize(28);
        for (String username : usernames) {
            assertThat(authenticationManager.authenticate(
                    new UsernamePasswordAuthenticationToken(username, DemoData.PASSWORD)).isAuthenticated())
                    .as(username).isTrue();
        }
    }

    @Test
    void theTerritoryHasTheDescribedProviders() {
        assertThat(jdbc.sql("select count(*) from childminder where agreement_number like 'DEMO-91-%'")
                .query(Long.class).single()).isEqualTo(20);
        assertThat(jdbc.sql("""
                select c.emergency_places from creche c join organisation o on o.id = c.organisation_id
                where o.name = 'Crèche AVIP Les Petits Pas'""").query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("""
                select count(distinct h.commune_code) from home_care_coverage h
                join home_care_service s on s.id = h.service_id join organisation o on o.id = s.organisation_id
                where o.name in ('Essonne Services à Domicile', 'Nord Essonne Aide à Domicile')""")
                .query(Long.class).single()).isEqualTo(16);
        assertThat(jdbc.sql("select count(*) from childminder where agreement_number like 'DEMO-91-%'"
                + " and agreement_end_date < current_date").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void labelsAreActiveButForOneSuspendedAndOneExpired() {
        LocalDate today = LocalDate.now(clock);
        Map<AvipLabelStatus, Long> statuses = transactions.execute(status -> labels.findAll().stream()
                .filter(label -> label.getChildminder().getAgreementNumber().startsWith("DEMO-91-"))
                .collect(Collectors.groupingBy(label -> label.statusOn(today), Collectors.counting())));

        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(
                AvipLabelStatus.ACTIVE, 18L, AvipLabelStatus.SUSPENDED, 1L, AvipLabelStatus.EXPIRED, 1L));
    }

    private Map<String, Long> counts() {
        return TABLES.stream().collect(Collectors.toMap(table -> table,
                table -> jdbc.sql("select count(*) from " + table).query(Long.class).single()));
    }
}
