package fr.passerelle.allowance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The Relais Petite Enfance facilitator checks the statements of her relais's childminders and confirms them on
 * their behalf, on PostgreSQL: with the childminder's form rules, audited in her name on behalf of the childminder,
 * scoped to her relais's communes, without the families, in the same statements for one row or many.
 */
@IntegrationTest
class RelaisStatementTest {

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
    MonthlyStatements monthly;
    @Autowired
    SqlStatementCounter counter;

    AllowanceFixtures fixtures;
    CurrentUser facilitator;

    @BeforeEach
    void setUp() {
        fixtures = new AllowanceFixtures(referrals, accounts, registry, offers, organisations, jdbc);
        facilitator = fixtures.principal(accounts.create(Role.RPE_FACILITATOR, relais(fixtures.commune)));
    }

    @Test
    void theFacilitatorConfirmsOnTheChildmindersBehalfWithHerFormRulesAndTheAuditSaysSo() throws Exception {
        var minder = fixtures.childminder();
        LocalDate day = fixtures.placed(minder);
        long id = computed(minder, day);
        String family = jdbc.sql("""
                        select r.parent_last_name from allowance_statement_line l join offer o on o.id = l.offer_id
                        join referral r on r.id = o.referral_id where l.statement_id = ?""")
                .param(id).query(String.class).single();

        String list = page("/relais/statements");
        assertThat(list).contains("data-testid=\"statement-row\"", "/relais/statements/" + id,
                minder.childminder().getLastName(), "À confirmer", "1 jour(s)").doesNotContain(family, "??");
        String show = page("/relais/statements/" + id);
        assertThat(show).contains("data-testid=\"on-behalf\"", "data-testid=\"confirm-form\"",
                "action=\"/relais/statements/" + id + "/confirm\"").doesNotContain(family, "??");

        long line = jdbc.sql("select id from allowance_statement_line where statement_id = ? and kind = 'CARE'")
                .param(id).query(Long.class).single();
        // A day outside the care period is refused next to the days, nothing saved.
        String outside = mvc.perform(post("/relais/statements/" + id + "/confirm").with(csrf()).with(user(facilitator))
                        .param("version", "0").param("day", line + "_" + day.plusDays(1))
                        .param("reason", "Venue un jour de plus"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(outside).contains("id=\"days-error\"", "est en dehors de la période d’accueil");
        // A change without a reason is refused next to the reason, nothing saved.
        String noReason = mvc.perform(post("/relais/statements/" + id + "/confirm").with(csrf())
                        .with(user(facilitator)).param("version", "0"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(noReason).contains("id=\"reason-error\"", "Indiquez le motif de la correction");
        assertThat(fixtures.statusOf(id)).isEqualTo("TO_CONFIRM");
        assertThat(audits(id)).isZero();

        mvc.perform(post("/relais/statements/" + id + "/confirm").with(csrf()).with(user(facilitator))
                        .param("version", "0").param("reason", "Absente ce jour-là, dit-elle au relais"))
                .andExpect(redirectedUrl("/relais/statements/" + id));
        assertThat(fixtures.statusOf(id)).isEqualTo("CONFIRMED");
        assertThat(jdbc.sql("select confirmed_by from allowance_statement where id = ?").param(id)
                .query(Long.class).single()).isEqualTo(facilitator.getUserId());
        String audit = jdbc.sql("""
                        select changes::text from audit_entry
                        where entity_type = 'ALLOWANCE_STATEMENT' and entity_id = ? and action = 'CONFIRMED'
                          and actor_id = ?""")
                .param(id).param(facilitator.getUserId()).query(String.class).single();
        assertThat(audit).contains("onBehalfOf", minder.childminder().getLastName(),
                "\"" + minder.childminder().getId() + "\"");

        // Optimistic lock: the same form sent again is refused, nothing filed twice.
        String again = mvc.perform(post("/relais/statements/" + id + "/confirm").with(csrf()).with(user(facilitator))
                        .param("version", "0").param("day", line + "_" + day))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(again).contains("data-testid=\"action-error\"");
        assertThat(audits(id)).isOne();
    }

    @Test
    void anotherRelaisGetsNotFoundAndTheOtherRolesAreRefused() throws Exception {
        var minder = fixtures.childminder();
        LocalDate day = fixtures.placed(minder);
        long id = computed(minder, day);

        // A relais of another commune: not in her list, not found, not confirmable.
        String elsewhere = referrals.communeIn("91");
        CurrentUser other = fixtures.principal(accounts.create(Role.RPE_FACILITATOR, relais(elsewhere)));
        assertThat(mvc.perform(get("/relais/statements").with(user(other))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain("/relais/statements/" + id);
        mvc.perform(get("/relais/statements/" + id).with(user(other))).andExpect(status().isNotFound());
        mvc.perform(post("/relais/statements/" + id + "/confirm").with(csrf()).with(user(other))
                .param("version", "0").param("day", jdbc.sql(
                        "select id from allowance_statement_line where statement_id = ? and kind = 'CARE'")
                        .param(id).query(Long.class).single() + "_" + day))
                .andExpect(status().isNotFound());
        mvc.perform(get("/relais/statements/" + Long.MAX_VALUE).with(user(facilitator)))
                .andExpect(status().isNotFound());

        // The other roles: the facilitator's pages are not theirs, nor the statement theirs to confirm.
        var otherMinder = fixtures.childminder();
        for (CurrentUser notFacilitator : new CurrentUser[] {fixtures.principal(fixtures.advisor),
                fixtures.principal(fixtures.officer), fixtures.principal(otherMinder.user())}) {
            mvc.perform(get("/relais/statements").with(user(notFacilitator))).andExpect(status().isForbidden());
            mvc.perform(post("/relais/statements/" + id + "/confirm").with(csrf()).with(user(notFacilitator))
                    .param("version", "0")).andExpect(status().isForbidden());
        }
        mvc.perform(get("/provider/statements/" + id).with(user(fixtures.principal(otherMinder.user()))))
                .andExpect(status().isNotFound());
        mvc.perform(post("/provider/statements/" + id + "/confirm").with(csrf())
                .with(user(fixtures.principal(otherMinder.user()))).param("version", "0"))
                .andExpect(status().isNotFound());
        assertThat(fixtures.statusOf(id)).isEqualTo("TO_CONFIRM");
    }

    @Test
    void theListRunsTheSameStatementsForOneStatementAsForMany() throws Exception {
        YearMonth month = YearMonth.now().minusMonths(1);
        fixtures.rule(month);
        fixtures.freePlace(fixtures.childminder());
        monthly.compute(month);
        assertThat(page("/relais/statements").split("data-testid=\"statement-row\"", -1)).hasSize(2);
        long one = counter.count(() -> mvc.perform(get("/relais/statements").with(user(facilitator)))
                .andExpect(status().isOk()));
        for (int i = 0; i < 3; i++) {
            fixtures.freePlace(fixtures.childminder());
        }
        monthly.compute(month);
        assertThat(page("/relais/statements").split("data-testid=\"statement-row\"", -1)).hasSize(5);
        long many = counter.count(() -> mvc.perform(get("/relais/statements").with(user(facilitator)))
                .andExpect(status().isOk()));
        assertThat(many).isEqualTo(one);
    }

    /** The month of her day of care computed: her statement to confirm. */
    private long computed(AllowanceFixtures.Minder minder, LocalDate day) {
        YearMonth month = YearMonth.from(day);
        fixtures.rule(month);
        monthly.compute(month);
        return fixtures.statementOf(minder);
    }

    private Organisation relais(String commune) {
        Organisation relais = accounts.organisation(OrganisationKind.RELAIS_PETITE_ENFANCE, fixtures.departement,
                commune);
        jdbc.sql("insert into relais_commune (relais_organisation_id, commune_code) values (?, ?)")
                .param(relais.getId()).param(commune).update();
        return relais;
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path).with(user(facilitator))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private long audits(long id) {
        return jdbc.sql("select count(*) from audit_entry where entity_type = 'ALLOWANCE_STATEMENT' and entity_id = ?"
                + " and action = 'CONFIRMED'").param(id).query(Long.class).single();
    }
}
