package fr.passerelle.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.provider.label.AvipLabelStatus;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.offer.AdvisorOutcomeFixtures;
import fr.passerelle.routing.matching.Candidate;
import fr.passerelle.routing.matching.CandidateList;
import fr.passerelle.routing.matching.CandidateSearch;
import fr.passerelle.routing.matching.Route;
import fr.passerelle.routing.queue.RoutingQueues;
import fr.passerelle.support.IntegrationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import fr.passerelle.provider.label.AvipLabelRepository;

@IntegrationTest
@ActiveProfiles("demo")
// The hand-on story runs first: the overdue story's expiry run would expire its offer before it is watched.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoDataTest {

    private static final List<String> TABLES = List.of("organisation", "user_account", "childminder", "avip_label",
            "avip_label_event", "home_care_service", "home_care_coverage", "creche", "referral", "referral_child",
            "referral_transition", "eligibility_decision", "offer", "place_hold");

    @Autowired
    DemoData demoData;

    @Autowired
    DemoReferrals demoReferrals;

    @Autowired
    DemoRoutingReferrals demoRoutingReferrals;

    @Autowired
    DemoRetention demoRetention;

    @Autowired
    fr.passerelle.privacy.Retention retention;

    @Autowired
    ApplicationContext context;

    @Autowired
    ReferralFixtures referralFixtures;

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
        demoRoutingReferrals.run(new DefaultApplicationArguments());
        demoRetention.run(new DefaultApplicationArguments());

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void theOfficerFindsReferralsToReviewAndAnAdvisorADraft() {
        Map<String, Long> byStatus = jdbc.sql("""
                        select r.status, count(*) from referral r join user_account u on u.id = r.created_by
                        where u.username like 'conseiller.%' group by r.status""")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        // Nora Petit's draft, and the two old drafts of the retention demo.
        assertThat(byStatus).containsAllEntriesOf(Map.of("SUBMITTED", 2L, "INFORMATION_REQUESTED", 1L, "DRAFT", 3L));
    }

    @Test
    void theAdministratorsDataProtectionPageHasARetentionStatusToShow() {
        fr.passerelle.privacy.RetentionRun next = retention.preview(clock.instant());

        assertThat(next.anonymised()).isGreaterThanOrEqualTo(12);
        assertThat(next.draftsWarned()).isGreaterThanOrEqualTo(1);
        assertThat(next.draftsDeleted()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theEmergencyOfTodayIsReadyToRouteToTheSouthHomeCareService() {
        CandidateList list = candidates.candidates(principal("agent.caf"), demoReferral("Diallo", "conseiller.evry"));

        assertThat(list.route()).isEqualTo(Route.HOME_CARE);
        assertThat(list.ranked()).extracting(Candidate::name).contains("Essonne Services à Domicile");
        assertThat(jdbc.sql("select first_day from referral where parent_last_name = 'Diallo'")
                .query(LocalDate.class).single()).satisfies(this::isTheDayTheDemoWasLoaded);
    }

    @Test
    void theOccasionalCareOfCorbeilHasTheDemoChildmindersAndTheCrecheAsCandidates() {
        CandidateList list = candidates.candidates(principal("agent.caf"), demoReferral("Nguyen", "conseiller.evry"));

        assertThat(list.route()).isEqualTo(Route.CHILDMINDER_OR_CRECHE);
        assertThat(list.ranked()).extracting(Candidate::name)
                .contains("Sophie Martin", "Fatou Dubois", "Crèche AVIP Les Petits Pas");
    }

    @Test
    void theCareArrangedInEtampesHoldsAPlaceAndCanBeClosedToday() {
        long id = demoReferral("Girard", "conseiller.mission-locale");

        assertThat(jdbc.sql("select status from referral where id = ?").param(id).query(String.class).single())
                .isEqualTo("CARE_ARRANGED");
        assertThat(jdbc.sql("""
                        select count(*) from place_hold h join offer o on o.id = h.offer_id
                        where o.referral_id = ? and h.released_at is null""")
                .param(id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select first_day from referral where id = ?").param(id).query(LocalDate.class).single())
                .satisfies(this::isTheDayTheDemoWasLoaded);
    }

    /**
     * The demo's "today" is the day its data was loaded, when the test context started: a run that crosses midnight
     * (Paris) reads the day before (seen: loaded at 23:58, checked at 00:01).
     */
    private void isTheDayTheDemoWasLoaded(LocalDate day) {
        LocalDate today = LocalDate.now(clock);
        assertThat(day).isBetween(today.minusDays(1), today);
    }

    @Test
    void conseillerEvryHasAOneMonthFollowUpWaitingAndACareArrangedForAJobWithTheChildcareAidPrompt() {
        long started = demoReferral("Delacroix", "conseiller.evry");
        assertThat(jdbc.sql("select milestone from outcome_follow_up where referral_id = ? and answer is null")
                .param(started).query(String.class).list()).containsExactly("ONE_MONTH");
        assertThat(jdbc.sql("select count(*) from notification where kind = 'FOLLOW_UP_DUE' and link = ?")
                .param("/advisor/referrals/" + started).query(Long.class).single()).isOne();

        long arranged = demoReferral("Vasseur", "conseiller.evry");
        assertThat(jdbc.sql("select status || ' ' || purpose from referral where id = ?").param(arranged)
                .query(String.class).single()).isEqualTo("CARE_ARRANGED JOB");
    }

    @Test
    void theOverdueOfferExpiresAtTheFirstRunOfTheJobAndTheReferralIsBackAtTheTopOfTheRoutingQueue() {
        long id = demoReferral("Rousseau", "conseiller.massy");
        assertThat(jdbc.sql("select status from referral where id = ?").param(id).query(String.class).single())
                .isEqualTo("OFFERED");
        assertThat(jdbc.sql("""
                        select deadline_at < now() and sent_at < now() - interval '24 hours' from offer
                        where referral_id = ? and status = 'PENDING'""")
                .param(id).query(Boolean.class).single()).as("overdue at load time").isTrue();

        AdvisorOutcomeFixtures routing = new AdvisorOutcomeFixtures(context, referralFixtures);
        assertThat(routing.expireDueAt(clock.instant())).isPositive();

        assertThat(jdbc.sql("select status from offer where referral_id = ?").param(id).query(String.class).single())
                .isEqualTo("EXPIRED");
        assertThat(jdbc.sql("select status from referral where id = ?").param(id).query(String.class).single())
                .isEqualTo("ELIGIBLE");
        // Other tests' referrals share the database: what is checked is that nothing but returned ones comes first.
        List<RoutingQueues.ReferralToRoute> queue = queues.toRoute(principal("agent.caf"), 0).getContent();
        int position = queue.stream().map(RoutingQueues.ReferralToRoute::referralId).toList().indexOf(id);
        assertThat(position).as("in the officer's routing queue").isNotNegative();
        assertThat(queue.subList(0, position + 1)).allMatch(RoutingQueues.ReferralToRoute::returned);
    }

    @Test
    @Order(1)
    void theEmergencyOfCorbeilHandsItselfOnToValDeSeineAtTheFirstExpiryRun() {
        long id = demoReferral("Perrin", "conseiller.evry");
        Instant deadline = jdbc.sql("""
                        select o.deadline_at from offer o
                        join organisation p on p.id = o.provider_organisation_id
                        where o.referral_id = ? and o.status = 'PENDING' and p.name = 'Essonne Services à Domicile'""")
                .param(id).query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
        assertThat(deadline).as("overdue at load time").isBefore(clock.instant());
        // Tests turn the default off (passerelle.routing.hand-on.emergency-home-care): the demo Caf chooses it here.
        jdbc.sql("""
                insert into hand_on_setting (departement_code, need, automatic, max_hops, updated_at, updated_by)
                select '91', 'EMERGENCY_HOME_CARE', true, 3, now(), id from user_account where username = 'admin.caf'
                """).update();
        try {
            // At its own deadline: Amandine Rousseau's offer, due later, is left for its own story.
            new AdvisorOutcomeFixtures(context, referralFixtures).expireDueAt(deadline);
        }
        finally {
            jdbc.sql("delete from hand_on_setting where departement_code = '91'").update();
        }

        assertThat(jdbc.sql("""
                        select p.name || ' ' || o.hand_on_hop from offer o
                        join organisation p on p.id = o.provider_organisation_id
                        where o.referral_id = ? and o.status = 'PENDING'""")
                .param(id).query(String.class).single()).isEqualTo("Val de Seine Aide à Domicile 1");
        assertThat(jdbc.sql("select status from referral where id = ?").param(id).query(String.class).single())
                .isEqualTo("OFFERED");
    }

    @Test
    void everyDemoAccountSignsInWithTheDocumentedPassword() {
        List<String> usernames = new java.util.ArrayList<>(List.of("agent.caf", "admin.caf", "conseiller.evry",
                "conseiller.massy", "conseiller.mission-locale", "sad.essonne", "sad.nord", "creche.petits-pas",
                "sad.seine", "rsa.essonne"));
        DemoData.CHILDMINDERS.forEach(childminder -> usernames.add(childminder.username()));

        assertThat(usernames).hasSize(30);
        for (String username : usernames) {
            assertThat(authenticationManager.authenticate(
                    new UsernamePasswordAuthenticationToken(username, DemoData.PASSWORD)).isAuthenticated())
                    .as(username).isTrue();
        }
    }

    @Test
    void everyDemoAccountHasAnAddressAndTheCafAndServicesTheirDesks() {
        jdbc.sql("update user_account set email = null where username = 'agent.caf'").update();

        demoData.run(new DefaultApplicationArguments());

        assertThat(jdbc.sql("select email from user_account where username = 'agent.caf'").query(String.class)
                .single()).isEqualTo("agent.caf@demo.passerelle.test");
        assertThat(jdbc.sql("select count(*) from user_account where email like '%@demo.passerelle.test'")
                .query(Long.class).single()).isEqualTo(31); // 28 + rpe.evry (demo.DemoRelais) + sad.seine (hand-on)
                                                             // + rsa.essonne (issue 20)
        assertThat(jdbc.sql("""
                select name || ' ' || contact_email from organisation
                where contact_email like '%.demo.passerelle.test' order by name""").query(String.class).list())
                .containsExactly("Caf de l'Essonne action-sociale@caf91.demo.passerelle.test",
                        "Essonne Services à Domicile accueil@essonne-services.demo.passerelle.test",
                        "Nord Essonne Aide à Domicile accueil@nord-essonne-aide.demo.passerelle.test",
                        "Val de Seine Aide à Domicile accueil@val-de-seine-aide.demo.passerelle.test");
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

    @Test
    void aDemoChildminderAwayDuringTheCareOfCorbeilIsExcludedAndLastMonthsStatementsWaitAtEachStep() {
        CandidateList list = candidates.candidates(principal("agent.caf"), demoReferral("Nguyen", "conseiller.evry"));
        assertThat(list.excluded()).filteredOn(c -> c.name().equals("Aïcha Robert")).singleElement()
                .satisfies(c -> assertThat(c.exclusions()).contains(fr.passerelle.routing.matching.Exclusion.AWAY));
        assertThat(jdbc.sql("""
                        select u.username || ' ' || s.status from allowance_statement s
                        join childminder c on c.id = s.childminder_id
                        join user_account u on u.organisation_id = c.organisation_id
                        where u.username in ('am.martin', 'am.bernard', 'am.petit') order by u.username""")
                .query(String.class).list())
                .containsExactly("am.bernard CONFIRMED", "am.martin TO_CONFIRM", "am.petit VALIDATED");
        assertThat(jdbc.sql("select count(*) from allowance_rule where departement_code = '91'")
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theDemoFacilitatorSeesSophieMartinsStatementToConfirmOnHerBehalf() {
        CurrentUser facilitator = principal("rpe.evry");
        assertThat(allowanceStatements.ofRelais(facilitator))
                .filteredOn(row -> row.childminderName().equals("Sophie Martin")).singleElement()
                .satisfies(row -> assertThat(row.status()).isEqualTo(fr.passerelle.allowance.StatementStatus.TO_CONFIRM))
                .satisfies(row -> assertThat(statementAccess.mayConfirm(facilitator,
                        allowanceStatements.get(facilitator, row.id()))).isTrue());
    }

    @Autowired
    fr.passerelle.allowance.Statements allowanceStatements;

    @Autowired
    fr.passerelle.allowance.StatementAccess statementAccess;

    @Autowired
    CandidateSearch candidates;

    @Autowired
    RoutingQueues queues;

    @Autowired
    UserDetailsService principals;

    @Autowired
    fr.passerelle.eligibility.EligibilityReviewService reviews;

    @Autowired
    fr.passerelle.eligibility.PurposeSettings purposeSettings;

    @Test
    void essonneOffersTheNewPurposesAndTheRsaServiceSentAReferralForAWorkshop() {
        fr.passerelle.eligibility.PurposeSetting essonne = purposeSettings.current(principal("admin.caf"));
        assertThat(essonne.offered()).contains(fr.passerelle.referral.Purpose.WORKSHOP,
                fr.passerelle.referral.Purpose.COMPANY_IMMERSION, fr.passerelle.referral.Purpose.RECRUITMENT_EVENT);
        assertThat(essonne.eligible()).contains(fr.passerelle.referral.Purpose.WORKSHOP,
                fr.passerelle.referral.Purpose.COMPANY_IMMERSION)
                .doesNotContain(fr.passerelle.referral.Purpose.RECRUITMENT_EVENT);

        CurrentUser officer = principal("agent.caf");
        var referral = reviews.get(officer, demoReferral("Mendy", "rsa.essonne"));
        assertThat(referral.getPurpose()).isEqualTo(fr.passerelle.referral.Purpose.WORKSHOP);
        assertThat(referral.getRegistration()).isEqualTo(fr.passerelle.referral.Registration.RSA_RECIPIENT);
        assertThat(referral.getOrganisation().getKind())
                .isEqualTo(fr.passerelle.organisation.OrganisationKind.DEPARTEMENT_RSA_SERVICE);
        assertThat(reviews.checklist(officer, referral)).extracting(fr.passerelle.eligibility.RuleResult::outcome)
                .as("the workshop is eligible and the automatic registration counts")
                .containsOnly(fr.passerelle.eligibility.RuleOutcome.PASSED);
    }

    private CurrentUser principal(String username) {
        return (CurrentUser) principals.loadUserByUsername(username);
    }

    /** The demo referral of that parent, filed by that demo advisor. */
    private long demoReferral(String parentLastName, String advisor) {
        return jdbc.sql("""
                        select r.id from referral r join user_account u on u.id = r.created_by
                        where r.parent_last_name = ? and u.username = ?""")
                .param(parentLastName).param(advisor).query(Long.class).single();
    }

    /**
     * The demo's year of finished referrals (demo.DemoStatisticsHistory) gives the Essonne administrator's unmet needs
     * export rows, every figure of which comes from few families: the masking shows (README, "Statistics").
     */
    @Test
    void theEssonneUnmetNeedsExportHasRowsOfTheDemoHistory() {
        java.time.YearMonth current = java.time.YearMonth.now(clock);
        List<fr.passerelle.statistics.UnmetNeeds.Row> rows = unmetNeeds.rows(
                new fr.passerelle.statistics.StatisticsScope("91", null), current.minusMonths(11), current, null,
                null);
        assertThat(rows).hasSizeGreaterThan(10);
        assertThat(rows).allSatisfy(row -> assertThat(row.communeCode()).startsWith("91"));
        assertThat(rows).anySatisfy(row -> assertThat(row.withoutSolution().masked()).isTrue());
        long shown = rows.stream().filter(row -> !row.withoutSolution().masked() || !row.declined().masked()).count();
        org.slf4j.LoggerFactory.getLogger(DemoDataTest.class).info("Unmet needs of the demo: {} rows, {} with a figure"
                + " shown, {} communes", rows.size(), shown,
                rows.stream().map(fr.passerelle.statistics.UnmetNeeds.Row::communeCode).distinct().count());
    }

    @Autowired
    fr.passerelle.statistics.UnmetNeeds unmetNeeds;

    private Map<String, Long> counts() {
        return TABLES.stream().collect(Collectors.toMap(table -> table,
                table -> jdbc.sql("select count(*) from " + table).query(Long.class).single()));
    }
}
