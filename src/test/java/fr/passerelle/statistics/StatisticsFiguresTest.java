package fr.passerelle.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Every indicator against figures computed by hand from referrals written at chosen moments of spring 2019 in Lozère
 * (48), when no other test writes anything: 10 families cared for by a home-care service (the i-th sent on day i, found eligible
 * i hours later, offered 2 hours after, accepted i hours after that, closed two days later: 4 jobs, 2 trainings, 2
 * interviews, 2 no-shows), 5 found ineligible after 10 hours (3 children too old, 2 not job seekers), 5 eligible after
 * 24 hours whose childminder declined (no place, after 5 hours) then another let the offer expire, closed with no
 * solution, and one draft withdrawn; a second agency sent 5 more that wait for a decision.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsFiguresTest {

    static final String LOZERE = "48";
    static final String MENDE = "48095";
    static final LocalDate TO = LocalDate.of(2019, 6, 30);

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    StatisticsService statistics;

    @Autowired
    StatisticsRefresh refresh;

    @Autowired
    SqlStatementCounter statements;

    Account officer;
    Account admin;
    Account advisor;
    Account otherAdvisor;
    Account provider;
    LocalDate from;

    @BeforeAll
    void fixtures() {
        Organisation caf = accounts.organisation(OrganisationKind.CAF, LOZERE, MENDE);
        Organisation agency = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY, LOZERE, MENDE);
        Organisation otherAgency = accounts.organisation(OrganisationKind.OTHER_PRESCRIBER, LOZERE, MENDE);
        Organisation homeCare = accounts.organisation(OrganisationKind.HOME_CARE_SERVICE, LOZERE, MENDE);
        Organisation childminder = accounts.organisation(OrganisationKind.CHILDMINDER, LOZERE, MENDE);
        officer = accounts.create(Role.CAF_OFFICER, caf);
        admin = accounts.create(Role.ADMIN, caf);
        advisor = accounts.create(Role.ADVISOR, agency);
        otherAdvisor = accounts.create(Role.ADVISOR, otherAgency);
        provider = accounts.create(Role.PROVIDER, homeCare);
        Account childminderUser = accounts.create(Role.PROVIDER, childminder);
        long a = advisor.user().getId();
        long o = officer.user().getId();
        StatisticsFixtures f = new StatisticsFixtures(jdbc, clock.getZone());

        // Spring 2019: no other test writes then, whatever département it uses.
        Instant base = LocalDate.of(2019, 3, 1).atTime(9, 0).atZone(clock.getZone()).toInstant();
        from = LocalDate.of(2019, 2, 28);
        String[] outcomes = {"JOB_STARTED", "JOB_STARTED", "JOB_STARTED", "JOB_STARTED", "TRAINING_STARTED",
                "TRAINING_STARTED", "INTERVIEW_ATTENDED", "INTERVIEW_ATTENDED", "DID_NOT_ATTEND", "DID_NOT_ATTEND"};
        for (int i = 1; i <= 10; i++) {
            Instant sent = base.plus(Duration.ofDays(i));
            long id = f.draft(agency.getId(), a, MENDE, LOZERE, "EMERGENCY_HOME_CARE", "JOB_INTERVIEW", sent);
            f.sent(id, a, sent);
            Instant eligible = sent.plus(Duration.ofHours(i));
            f.eligible(id, o, eligible);
            Instant offered = eligible.plus(Duration.ofHours(2));
            f.offer(id, "HOME_CARE", homeCare.getId(), provider.user().getId(), o, offered, "ACCEPTED",
                    Duration.ofHours(i), null);
            f.closed(id, a, offered.plus(Duration.ofHours(i)).plus(Duration.ofDays(2)), outcomes[i - 1]);
        }
        for (int j = 1; j <= 5; j++) {
            Instant sent = base.plus(Duration.ofDays(j)).plus(Duration.ofMinutes(30));
            long id = f.draft(agency.getId(), a, MENDE, LOZERE, "OCCASIONAL", "TRAINING", sent);
            f.sent(id, a, sent);
            f.ineligible(id, o, sent.plus(Duration.ofHours(10)), j <= 3 ? "CHILD_TOO_OLD" : "NOT_A_JOB_SEEKER");
        }
        for (int k = 1; k <= 5; k++) {
            Instant sent = base.plus(Duration.ofDays(k)).plus(Duration.ofMinutes(45));
            long id = f.draft(agency.getId(), a, MENDE, LOZERE, "REGULAR", "JOB", sent);
            f.sent(id, a, sent);
            Instant eligible = sent.plus(Duration.ofHours(24));
            f.eligible(id, o, eligible);
            Instant first = eligible.plus(Duration.ofHours(3));
            f.offer(id, "CHILDMINDER", childminder.getId(), childminderUser.user().getId(), o, first, "DECLINED",
                    Duration.ofHours(5), "NO_CAPACITY");
            Instant second = first.plus(Duration.ofHours(6));
            f.offer(id, "CHILDMINDER", childminder.getId(), childminderUser.user().getId(), o, second, "EXPIRED",
                    Duration.ofHours(48), null);
            f.noSolution(id, o, second.plus(Duration.ofHours(49)), "NO_CAPACITY");
        }
        long draft = f.draft(agency.getId(), a, MENDE, LOZERE, "OCCASIONAL", "JOB", base);
        f.withdrawnDraft(draft, a, base.plus(Duration.ofHours(1)));
        for (int m = 1; m <= 5; m++) {
            Instant sent = base.plus(Duration.ofDays(m));
            long id = f.draft(otherAgency.getId(), otherAdvisor.user().getId(), MENDE, LOZERE, "OCCASIONAL", "JOB",
                    sent);
            f.sent(id, otherAdvisor.user().getId(), sent);
        }
        refresh.refreshAll();
    }

    Map<String, StatTable> tables(Account account) {
        CurrentUser user = accounts.signedIn(account);
        StatisticsFilter filter = filter();
        Period period = filter.resolve(LocalDate.now(clock), new BeanPropertyBindingResult(filter,
                "statisticsFilter"));
        return statistics.statistics(StatisticsScope.of(user), filter, period, Locale.FRENCH).tables();
    }

    StatisticsFilter filter() {
        StatisticsFilter filter = new StatisticsFilter();
        filter.setPeriod(StatisticsFilter.PeriodChoice.CUSTOM);
        filter.setFrom(from);
        filter.setTo(TO);
        filter.setTrend(Period.Trend.MONTH);
        return filter;
    }

    /** The text of a table's figure, as the page and the CSV show it. */
    static String figure(Map<String, StatTable> tables, String table, String row, int column) {
        StatTable found = tables.get(table);
        return found.rows().stream().filter(r -> r.label().equals(row)).findFirst()
                .orElseThrow(() -> new AssertionError(row + " not in " + table + ": " + found.rows()))
                .figures().get(column).text(Locale.FRENCH, 5);
    }

    @Test
    void theCafSeesTheReferralsAndEligibilityOfItsTerritory() {
        Map<String, StatTable> tables = tables(officer);
        assertThat(figure(tables, "summary", "Orientations créées", 0)).isEqualTo("26");
        assertThat(figure(tables, "summary", "Orientations envoyées à la Caf", 0)).isEqualTo("25");
        assertThat(figure(tables, "summary", "Décisions d’éligibilité", 0)).isEqualTo("20");
        assertThat(figure(tables, "summary", "Familles éligibles", 0)).isEqualTo("15");
        assertThat(figure(tables, "summary", "Taux d’éligibilité", 0)).isEqualTo("75\u00a0%");
        assertThat(figure(tables, "summary", "Gardes organisées", 0)).isEqualTo("10");
        assertThat(figure(tables, "summary", "Orientations sans solution", 0)).isEqualTo("5");
        assertThat(figure(tables, "summary", "Issues enregistrées", 0)).isEqualTo("10");
        assertThat(figure(tables, "summary", "Taux de retour à l’emploi (emploi ou formation)", 0))
                .isEqualTo("60\u00a0%");
        assertThat(figure(tables, "summary", "Gardes dont l’issue est attendue", 0)).isEqualTo("10");
        assertThat(figure(tables, "unmet", "Aucune place disponible", 0)).isEqualTo("5");
        assertThat(figure(tables, "declines", "Plus de place disponible", 0)).isEqualTo("5");
        assertThat(figure(tables, "care", "Service d’aide à domicile", 0)).isEqualTo("10");
        assertThat(figure(tables, "care", "Service d’aide à domicile", 1)).isEqualTo("100\u00a0%");
        assertThat(tables.get("breakdown").rows()).hasSize(2);
    }

    @Test
    void delaysAreTheMedianAndNinetiethPercentileInHours() {
        Map<String, StatTable> tables = tables(officer);
        // Sent → decision: 1…10 h, 10 h five times, 24 h five times.
        assertThat(figure(tables, "delays", "Envoi → décision d’éligibilité", 1)).isEqualTo("10");
        assertThat(figure(tables, "delays", "Envoi → décision d’éligibilité", 2)).isEqualTo("24");
        // Eligible → first offer: 2 h ten times, 3 h five times.
        assertThat(figure(tables, "delays", "Éligibilité → première proposition", 1)).isEqualTo("2");
        assertThat(figure(tables, "delays", "Éligibilité → première proposition", 2)).isEqualTo("3");
        // Offer → answer: 1…10 h and 5 h five times (the expired ones have no answer).
        assertThat(figure(tables, "delays", "Proposition → réponse de l’accueil", 0)).isEqualTo("15");
        assertThat(figure(tables, "delays", "Proposition → réponse de l’accueil", 1)).isEqualTo("5");
        assertThat(figure(tables, "delays", "Proposition → réponse de l’accueil", 2)).isEqualTo("8,6");
        // Sent → care arranged: 2i + 2 h.
        assertThat(figure(tables, "delays", "Envoi → garde organisée", 1)).isEqualTo("13");
        assertThat(figure(tables, "delays", "Envoi → garde organisée", 2)).isEqualTo("20,2");
    }

    @Test
    void offersAreCountedByKindOfProviderAndPerProvider() {
        Map<String, StatTable> tables = tables(officer);
        assertThat(figure(tables, "offers", "Service d’aide à domicile", 0)).isEqualTo("10");
        assertThat(figure(tables, "offers", "Service d’aide à domicile", 1)).isEqualTo("10");
        assertThat(figure(tables, "offers", "Service d’aide à domicile", 4)).isEqualTo("100\u00a0%");
        assertThat(figure(tables, "offers", "Assistant·e maternel·le", 0)).isEqualTo("10");
        assertThat(figure(tables, "offers", "Assistant·e maternel·le", 2)).isEqualTo("5");
        assertThat(figure(tables, "offers", "Assistant·e maternel·le", 3)).isEqualTo("5");
        assertThat(figure(tables, "offers", "Assistant·e maternel·le", 4)).isEqualTo("50\u00a0%");
        assertThat(figure(tables, "offers", "Assistant·e maternel·le", 5)).isEqualTo("5");
        assertThat(tables.get("providers").rows()).hasSize(2);
        assertThat(tables.get("providers").rows().get(0).figures().get(0).text(Locale.FRENCH, 5)).isEqualTo("10");
    }

    @Test
    void theNeedAndPurposeFiltersNarrowThePerProviderTable() {
        CurrentUser user = accounts.signedIn(officer);
        StatisticsFilter regular = filter();
        regular.setNeed(CareNeed.REGULAR);
        Map<String, StatTable> tables = statistics.statistics(StatisticsScope.of(user), regular,
                regular.resolve(LocalDate.now(clock), new BeanPropertyBindingResult(regular, "statisticsFilter")),
                Locale.FRENCH).tables();
        assertThat(tables.get("providers").rows()).singleElement().satisfies(row -> {
            assertThat(row.figures().get(0).text(Locale.FRENCH, 5)).isEqualTo("10");
            assertThat(row.figures().get(1).text(Locale.FRENCH, 5)).isEqualTo("< 5");
        });
        StatisticsFilter training = filter();
        training.setPurpose(Purpose.TRAINING);
        tables = statistics.statistics(StatisticsScope.of(user), training,
                training.resolve(LocalDate.now(clock), new BeanPropertyBindingResult(training, "statisticsFilter")),
                Locale.FRENCH).tables();
        assertThat(tables.get("providers").rows()).isEmpty();
        assertThat(tables.get("places").rows()).hasSize(2);
    }

    @Test
    void figuresFromFewerThanFiveFamiliesAreMasked() {
        Map<String, StatTable> tables = tables(officer);
        assertThat(figure(tables, "summary", "Orientations retirées", 0)).isEqualTo("< 5");
        assertThat(figure(tables, "outcomes", "Emploi commencé", 0)).isEqualTo("< 5");
        assertThat(figure(tables, "outcomes", "Emploi commencé", 1)).isEqualTo("< 5");
        assertThat(figure(tables, "ineligibility", "Enfant au-delà de l’âge limite", 0)).isEqualTo("< 5");
        assertThat(figure(tables, "offers", "Service d’aide à domicile", 2)).isEqualTo("< 5");
        assertThat(figure(tables, "summary", "Part des issues manquantes", 0)).isEqualTo("< 5");
        assertThat(tables.get("summary").rows().get(2).figures().get(0).chartValue()).isEmpty();
    }

    @Test
    void anAdvisorSeesOnlyTheirOrganisation() {
        Map<String, StatTable> own = tables(advisor);
        assertThat(figure(own, "summary", "Orientations créées", 0)).isEqualTo("21");
        assertThat(figure(own, "summary", "Orientations envoyées à la Caf", 0)).isEqualTo("20");
        assertThat(own).doesNotContainKeys("providers", "places");
        Map<String, StatTable> other = tables(otherAdvisor);
        assertThat(figure(other, "summary", "Orientations envoyées à la Caf", 0)).isEqualTo("5");
        assertThat(figure(other, "summary", "Décisions d’éligibilité", 0)).isEqualTo("< 5");
    }

    @Test
    void theRefreshOfMovedReferralsGivesTheSameEventsAsAFullOne() {
        long before = jdbc.sql("select count(*) from statistics_event where departement_code = '48'")
                .query(Long.class).single();
        jdbc.sql("update statistics_refresh set refreshed_at = timestamptz '2019-01-01 00:00:00Z'").update();
        assertThat(refresh.refreshChanged()).isPositive();
        assertThat(jdbc.sql("select count(*) from statistics_event where departement_code = '48'")
                .query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void thePageShowsTheFiguresAndProvidersAreRefused() throws Exception {
        String query = "?period=CUSTOM&from=" + from + "&to=" + TO + "&trend=MONTH";
        String page = mvc.perform(get("/statistics" + query).with(user(accounts.signedIn(officer))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("75\u00a0%", "data-chart=\"line\"", "<caption", "scope=\"row\"", "&lt; 5");
        mvc.perform(get("/statistics").with(user(accounts.signedIn(provider)))).andExpect(status().isForbidden());
        mvc.perform(get("/statistics/summary.csv").with(user(accounts.signedIn(provider))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/statistics").with(user(accounts.signedIn(advisor)))).andExpect(status().isOk());
    }

    @Test
    void aCustomRangeEndingBeforeItStartsIsSaidNextToTheField() throws Exception {
        String page = mvc.perform(get("/statistics?period=CUSTOM&from=2026-03-10&to=2026-03-01")
                        .with(user(accounts.signedIn(officer))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"to-error\"", "Le dernier jour doit être le même que le premier ou après.");
        page = mvc.perform(get("/statistics?period=CUSTOM&from=2026-02-30").with(user(accounts.signedIn(officer))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"from-error\"", "Cette date n’existe pas");
    }

    @Test
    void everyTableExportsAsCsvWithABomSemicolonsFrenchHeadersAndMaskedCounts() throws Exception {
        String query = "?period=CUSTOM&from=" + from + "&to=" + TO;
        MvcResult result = csv("/statistics/summary.csv" + query, officer);
        assertThat(result.getResponse().getContentType()).startsWith("text/csv");
        assertThat(result.getResponse().getHeader("Content-Disposition")).contains("attachment", ".csv");
        byte[] bytes = result.getResponse().getContentAsByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).substring(1).lines().toList();
        assertThat(lines.get(0)).isEqualTo("Indicateur;Valeur");
        assertThat(lines).contains("Orientations créées;26", "Orientations retirées;< 5",
                "Taux d’éligibilité;75\u00a0%");
        for (String table : tables(officer).keySet()) {
            mvc.perform(get("/statistics/" + table + ".csv" + query).with(user(accounts.signedIn(officer))))
                    .andExpect(status().isOk());
        }
        mvc.perform(get("/statistics/nothing.csv").with(user(accounts.signedIn(officer))))
                .andExpect(status().isNotFound());
    }

    @Test
    void theAnonymisedExportIsForAdministratorsAndHoldsNoPersonalData() throws Exception {
        String query = "?period=CUSTOM&from=" + from + "&to=" + TO;
        mvc.perform(get("/statistics/referrals-anonymised.csv" + query).with(user(accounts.signedIn(officer))))
                .andExpect(status().isForbidden());
        MvcResult result = csv("/statistics/referrals-anonymised.csv" + query, admin);
        byte[] bytes = result.getResponse().getContentAsByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String csv = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = csv.substring(1).lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join(";", AnonymisedExport.HEADERS));
        // Only the referrals sent to the Caf: not the withdrawn draft.
        assertThat(lines).hasSize(1 + 25);
        assertThat(csv).doesNotContain("Secret", "secret", "+336", "Enfant").doesNotContainPattern("\\d{11}");
        String closed = lines.stream().filter(line -> line.contains("JOB_STARTED")).findFirst().orElseThrow();
        String[] fields = closed.split(";", -1);
        assertThat(fields[0]).matches("\\d{4}-\\d{2}");
        assertThat(fields[2]).isEqualTo(MENDE);
        assertThat(fields[8]).isEqualTo("30");
        assertThat(fields[10]).isEqualTo("CLOSED");
        assertThat(fields[11]).isEqualTo("ELIGIBLE");
        assertThat(fields[17]).isEqualTo("HOME_CARE");
    }

    /** A CSV export, streamed after the request: its body once written. */
    MvcResult csv(String url, Account account) throws Exception {
        MvcResult started = mvc.perform(get(url).with(user(accounts.signedIn(account))))
                .andExpect(request().asyncStarted()).andReturn();
        return mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn();
    }

    @Test
    void thePageRunsTheSameFewStatementsWhateverTheData() throws Exception {
        long count = statements.count(() -> mvc.perform(get("/statistics?period=YEAR")
                .with(user(accounts.signedIn(officer)))).andExpect(status().isOk()));
        // The Caf's page also reads the allowance's figures, the label applications by outcome and the follow-up and
        // childcare aid figures (followup.FollowUpStatistics): one statement each. A view not in memory is looked for
        // in statistics_view, then kept there once computed: two statements.
        assertThat(count).isLessThanOrEqualTo(15);
        long advisorCount = statements.count(() -> mvc.perform(get("/statistics?period=YEAR")
                .with(user(accounts.signedIn(advisor)))).andExpect(status().isOk()));
        assertThat(advisorCount).isLessThanOrEqualTo(11);
    }
}
