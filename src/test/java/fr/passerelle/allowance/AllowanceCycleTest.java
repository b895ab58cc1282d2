package fr.passerelle.allowance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.provider.availability.AbsenceForm;
import fr.passerelle.provider.availability.AbsenceReason;
import fr.passerelle.provider.availability.Availability;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.system.RejectedChangeException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The childminder's side as a whole, on PostgreSQL: absences and routing, the statement cycle (compute, confirm,
 * validate, export), bad input, races and scoping.
 */
@IntegrationTest
class AllowanceCycleTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ReferralFixtures referrals;
    @Autowired
    TestAccounts accounts;
    @Autowired
    ChildminderRegistry registry;
    @Autowired
    OfferService offers;
    @Autowired
    OrganisationRepository organisations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Availability availability;
    @Autowired
    MonthlyStatements monthly;
    @Autowired
    Statements statements;
    @Autowired
    SqlStatementCounter counter;

    AllowanceFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new AllowanceFixtures(referrals, accounts, registry, offers, organisations, jdbc);
    }

    // --- Availability and routing ---------------------------------------------------------------------------------

    @Test
    void aChildminderAwayOnTheDayOfCareIsShownExcludedWithHerAbsenceAndThePageRunsNoMoreStatements()
            throws Exception {
        var minder = fixtures.childminder();
        Referral referral = fixtures.eligible();
        String page = "/officer/referrals/" + referral.getId() + "/routing";
        long before = counter.count(() -> mvc.perform(get(page).with(user(fixtures.principal(fixtures.officer))))
                .andExpect(status().isOk()));
        String candidate = mvc.perform(get(page).with(user(fixtures.principal(fixtures.officer))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(candidate).contains("data-testid=\"candidate\" data-provider=\"" + minder.ref().key() + "\"");

        AbsenceForm away = absence(referral.getFirstDay().minusDays(1), referral.getFirstDay().plusDays(2));
        availability.declareAbsence(fixtures.principal(minder.user()), away);

        long after = counter.count(() -> mvc.perform(get(page).with(user(fixtures.principal(fixtures.officer))))
                .andExpect(status().isOk()));
        String excluded = mvc.perform(get(page).with(user(fixtures.principal(fixtures.officer))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(excluded).contains("data-testid=\"excluded-candidate\" data-provider=\"" + minder.ref().key() + "\"")
                .contains("Elle a déclaré une absence du");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void anAbsenceEndingBeforeItStartsOrOverlappingAnotherIsRefusedNextToTheFieldAndNothingIsSaved()
            throws Exception {
        var minder = fixtures.childminder();
        LocalDate day = LocalDate.now().plusDays(10);
        String backwards = mvc.perform(post("/provider/availability/absences").with(csrf())
                        .with(user(fixtures.principal(minder.user())))
                        .param("reason", "HOLIDAY").param("firstDay", day.toString())
                        .param("lastDay", day.minusDays(3).toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(backwards).contains("id=\"lastDay-error\"",
                "Le dernier jour d’absence doit être le premier jour ou après.");
        assertThat(absences(minder)).isZero();

        availability.declareAbsence(fixtures.principal(minder.user()), absence(day, day.plusDays(4)));
        String overlapping = mvc.perform(post("/provider/availability/absences").with(csrf())
                        .with(user(fixtures.principal(minder.user())))
                        .param("reason", "TRAINING").param("firstDay", day.plusDays(4).toString())
                        .param("lastDay", day.plusDays(6).toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(overlapping).contains("id=\"firstDay-error\"", "chevauche une absence déjà déclarée");
        assertThat(absences(minder)).isOne();
    }

    @Test
    void freePlacesAboveHerAvipPlacesAreRefused() throws Exception {
        var minder = fixtures.childminder();
        String page = mvc.perform(post("/provider/availability/places").with(csrf())
                        .with(user(fixtures.principal(minder.user())))
                        .param("freePlaces", "3").param("version", "-1"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"freePlaces-error\"", "vos 2 place(s) AVIP");
        mvc.perform(post("/provider/availability/places").with(csrf()).with(user(fixtures.principal(minder.user())))
                        .param("freePlaces", "1").param("version", "-1"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select free_places from childminder_free_places where childminder_id = ?")
                .param(minder.childminder().getId()).query(Integer.class).single()).isOne();
    }

    // --- Rules ----------------------------------------------------------------------------------------------------

    @Test
    void negativeOrAbsurdAmountsAndTwoVersionsTheSameDayAreRefused() throws Exception {
        var admin = fixtures.principal(fixtures.admin);
        String negative = mvc.perform(post("/admin/allowance/rules").with(csrf()).with(user(admin))
                        .param("effectiveFrom", "2026-01-01").param("perCareDay", "-1")
                        .param("perPlaceMonth", "999999").param("monthlyCap", "12.345"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(negative).contains("id=\"perCareDay-error\"", "Un montant ne peut pas être négatif.",
                "id=\"perPlaceMonth-error\"", "ne peut pas dépasser 5 000 €", "id=\"monthlyCap-error\"",
                "deux décimales au plus");
        mvc.perform(post("/admin/allowance/rules").with(csrf()).with(user(admin))
                        .param("effectiveFrom", "2026-01-01").param("perCareDay", "12.50")
                        .param("perPlaceMonth", "0"))
                .andExpect(status().is3xxRedirection());
        String sameDay = mvc.perform(post("/admin/allowance/rules").with(csrf()).with(user(admin))
                        .param("effectiveFrom", "2026-01-01").param("perCareDay", "13")
                        .param("perPlaceMonth", "0"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(sameDay).contains("id=\"effectiveFrom-error\"", "Une autre version prend déjà effet ce jour-là");
        assertThat(jdbc.sql("select per_care_day_cents from allowance_rule where departement_code = ?")
                .param(fixtures.departement).query(Long.class).list()).containsExactly(1250L);
    }

    @Test
    void aCafOfficerCannotEditRulesAndAnotherCafsAdministratorDoesNotSeeThem() throws Exception {
        fixtures.rule(YearMonth.of(2026, 1));
        long id = jdbc.sql("select id from allowance_rule where departement_code = ?").param(fixtures.departement)
                .query(Long.class).single();
        mvc.perform(get("/admin/allowance/rules").with(user(fixtures.principal(fixtures.officer))))
                .andExpect(status().isForbidden());
        var elsewhere = new AllowanceFixtures(referrals, accounts, registry, offers, organisations, jdbc);
        mvc.perform(get("/admin/allowance/rules/" + id).with(user(fixtures.principal(elsewhere.admin))))
                .andExpect(status().isNotFound());
    }

    // --- Statements -----------------------------------------------------------------------------------------------

    @Test
    void theWholeCycleComputesConfirmsValidatesAndPaysOnceWithTheFileAndTheNotifications() throws Exception {
        var minder = fixtures.childminder();
        LocalDate day = fixtures.placed(minder);
        YearMonth month = YearMonth.from(day);
        fixtures.rule(month);

        monthly.compute(month);
        long id = fixtures.statementOf(minder);
        assertThat(fixtures.statusOf(id)).isEqualTo("TO_CONFIRM");
        assertThat(notifications(minder, "ALLOWANCE_STATEMENT_READY")).isOne();
        assertThat(emails(minder, "ALLOWANCE_STATEMENT_READY")).isOne();

        // The childminder sees it; another childminder and another Caf's officer do not.
        mvc.perform(get("/provider/statements/" + id).with(user(fixtures.principal(minder.user()))))
                .andExpect(status().isOk());
        var other = fixtures.childminder();
        mvc.perform(get("/provider/statements/" + id).with(user(fixtures.principal(other.user()))))
                .andExpect(status().isNotFound());
        var elsewhere = new AllowanceFixtures(referrals, accounts, registry, offers, organisations, jdbc);
        mvc.perform(get("/officer/allowance/statements/" + id).with(user(fixtures.principal(elsewhere.officer))))
                .andExpect(status().isNotFound());

        // A day outside the care period is refused, and nothing changes.
        Statement statement = statements.get(fixtures.principal(minder.user()), id);
        long line = statement.lines().get(0).id();
        String refused = mvc.perform(post("/provider/statements/" + id + "/confirm").with(csrf())
                        .with(user(fixtures.principal(minder.user())))
                        .param("version", "0").param("day", line + "_" + day.plusDays(1))
                        .param("reason", "Venue un jour de plus"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("est en dehors de la période d’accueil");
        assertThat(fixtures.statusOf(id)).isEqualTo("TO_CONFIRM");

        // Removing the planned day needs a reason.
        String noReason = mvc.perform(post("/provider/statements/" + id + "/confirm").with(csrf())
                        .with(user(fixtures.principal(minder.user()))).param("version", "0"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(noReason).contains("id=\"reason-error\"", "Indiquez le motif de la correction");

        mvc.perform(post("/provider/statements/" + id + "/confirm").with(csrf())
                        .with(user(fixtures.principal(minder.user())))
                        .param("version", "0").param("day", line + "_" + day))
                .andExpect(status().is3xxRedirection());
        assertThat(fixtures.statusOf(id)).isEqualTo("CONFIRMED");

        // Two officers validate at once: one succeeds, the other is told, nothing breaks.
        var officer = fixtures.principal(fixtures.officer);
        List<Object> outcomes = race(() -> {
            statements.validate(officer, id, 1);
            return "ok";
        }, () -> {
            statements.validate(officer, id, 1);
            return "ok";
        });
        assertThat(outcomes).containsOnlyOnce("ok");
        assertThat(outcomes).anySatisfy(o -> assertThat(o).isInstanceOf(RejectedChangeException.class));
        assertThat(fixtures.statusOf(id)).isEqualTo("VALIDATED");

        // A validated statement is locked: confirming again is refused.
        assertThatThrownBy(() -> statements.confirm(fixtures.principal(minder.user()), id, 2,
                java.util.Map.of(), null)).isInstanceOf(RejectedChangeException.class);

        // Two exports at once, by parallel requests: the statement is paid once, in one file.
        List<Object> exports = race(() -> exportRequest(month), () -> exportRequest(month));
        assertThat(exports).hasSize(2);
        assertThat(fixtures.statusOf(id)).isEqualTo("PAID");
        assertThat(jdbc.sql("select count(*) from allowance_export where departement_code = ?")
                .param(fixtures.departement).query(Long.class).single()).isOne();
        long exportId = jdbc.sql("select export_id from allowance_statement where id = ?").param(id)
                .query(Long.class).single();
        assertThat(notifications(minder, "ALLOWANCE_STATEMENT_PAID")).isOne();

        byte[] file = mvc.perform(get("/officer/allowance/exports/" + exportId).with(user(officer)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        String csv = new String(file, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFdepartement;mois;releve;numero_agrement;nom;prenom;montant_euros\r\n")
                .contains(";" + id + ";").contains(";20.00\r\n");
        mvc.perform(get("/officer/allowance/exports/" + exportId).with(user(fixtures.principal(elsewhere.officer))))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry where entity_type in ('ALLOWANCE_STATEMENT', 'ALLOWANCE_EXPORT')
                          and (entity_id = ? or entity_id = ?)""")
                .param(id).param(exportId).query(Long.class).single()).isGreaterThanOrEqualTo(4);

        // The statistics page shows the Caf the allowance paid, masked under five childminders.
        String statistics = mvc.perform(get("/statistics").with(user(officer)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(statistics).contains("data-testid=\"allowance-statistics\"",
                "Moins de 5 assistantes maternelles accompagnées : chiffres masqués.");
        assertThat(statistics).doesNotContain("20,00 €");

        // A later correction is an adjustment on the next statement, never an edit.
        statements.adjust(officer, id, new java.math.BigDecimal("-5.00"), "Jour compté deux fois");
        YearMonth next = month.plusMonths(1);
        jdbc.sql("insert into childminder_free_places (childminder_id, free_places, declared_at, declared_by) "
                + "values (?, 1, now(), ?)").param(minder.childminder().getId()).param(minder.user().user().getId())
                .update();
        monthly.compute(next);
        long later = jdbc.sql("select id from allowance_statement where childminder_id = ? and month = ?")
                .param(minder.childminder().getId()).param(java.sql.Date.valueOf(next.atDay(1)))
                .query(Long.class).single();
        Statement nextStatement = statements.get(officer, later);
        assertThat(nextStatement.lines()).anySatisfy(l -> {
            assertThat(l.kind()).isEqualTo("ADJUSTMENT");
            assertThat(l.amountCents()).isEqualTo(-500);
        });
        assertThat(nextStatement.totalCents()).isEqualTo(3000 - 500);
        assertThat(jdbc.sql("select total_cents from allowance_statement where id = ?").param(id)
                .query(Long.class).single()).isEqualTo(2000);
    }

    @Test
    void aRuleAppliedByAValidatedStatementIsNeverChanged() throws Exception {
        var minder = fixtures.childminder();
        LocalDate day = fixtures.placed(minder);
        YearMonth month = YearMonth.from(day);
        fixtures.rule(month);
        monthly.compute(month);
        long id = fixtures.statementOf(minder);
        Statement statement = statements.get(fixtures.principal(minder.user()), id);
        statements.confirm(fixtures.principal(minder.user()), id, 0,
                java.util.Map.of(statement.lines().get(0).id(), List.of(day)), null);
        statements.validate(fixtures.principal(fixtures.officer), id, 1);
        long rule = jdbc.sql("select id from allowance_rule where departement_code = ?").param(fixtures.departement)
                .query(Long.class).single();

        String page = mvc.perform(post("/admin/allowance/rules/" + rule).with(csrf())
                        .with(user(fixtures.principal(fixtures.admin)))
                        .param("effectiveFrom", month.atDay(1).toString()).param("perCareDay", "99")
                        .param("perPlaceMonth", "0").param("version", "0"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Un relevé validé a appliqué cette version");
        assertThat(jdbc.sql("select per_care_day_cents from allowance_rule where id = ?").param(rule)
                .query(Long.class).single()).isEqualTo(2000);
    }

    @Test
    void theOfficersMonthPageRunsTheSameStatementsForOneStatementAsForMany() throws Exception {
        YearMonth month = YearMonth.now().minusMonths(1);
        fixtures.rule(month);
        var officer = fixtures.principal(fixtures.officer);
        fixtures.freePlace(fixtures.childminder());
        monthly.compute(month);
        long one = counter.count(() -> mvc.perform(get("/officer/allowance").param("month", month.toString())
                .with(user(officer))).andExpect(status().isOk()));
        for (int i = 0; i < 3; i++) {
            fixtures.freePlace(fixtures.childminder());
        }
        monthly.compute(month);
        String page = mvc.perform(get("/officer/allowance").param("month", month.toString()).with(user(officer)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page.split("data-testid=\"statement-row\"", -1)).hasSize(5);
        long many = counter.count(() -> mvc.perform(get("/officer/allowance").param("month", month.toString())
                .with(user(officer))).andExpect(status().isOk()));
        assertThat(many).isEqualTo(one);
    }

    private Object exportRequest(YearMonth month) throws Exception {
        return mvc.perform(post("/officer/allowance/exports").with(csrf())
                        .with(user(fixtures.principal(fixtures.officer))).param("month", month.toString()))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap().get("flash");
    }

    /** Runs both at the same moment on two threads; each outcome is its value or its exception. */
    @SafeVarargs
    private static List<Object> race(Callable<Object>... tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return task.call();
                    }
                    catch (Exception ex) {
                        return ex;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static AbsenceForm absence(LocalDate first, LocalDate last) {
        AbsenceForm form = new AbsenceForm();
        form.setReason(AbsenceReason.HOLIDAY);
        form.setFirstDay(first);
        form.setLastDay(last);
        return form;
    }

    private long absences(AllowanceFixtures.Minder minder) {
        return jdbc.sql("select count(*) from childminder_absence where childminder_id = ?")
                .param(minder.childminder().getId()).query(Long.class).single();
    }

    private long notifications(AllowanceFixtures.Minder minder, String kind) {
        return jdbc.sql("select count(*) from notification where recipient_id = ? and kind = ?")
                .param(minder.user().user().getId()).param(kind).query(Long.class).single();
    }

    private long emails(AllowanceFixtures.Minder minder, String kind) {
        return jdbc.sql("select count(*) from outbound_email where recipient_user_id = ? and kind = ?")
                .param(minder.user().user().getId()).param(kind).query(Long.class).single();
    }
}
