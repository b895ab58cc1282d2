package fr.passerelle.relais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.Childminders;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The facilitator's pages are hers alone and show only her relais's childminders; the childminder's application
 * page is a childminder's; the administrators decide only in their département; bad input is answered in French next
 * to its field, saving nothing; the childminders' list runs the same statements for one row or many.
 */
@IntegrationTest
@Import({RelaisFixtures.class, Childminders.class})
class RelaisWebTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    RelaisFixtures fixtures;

    @Autowired
    TestAccounts accounts;

    @Autowired
    SqlStatementCounter statements;

    @Autowired
    JdbcClient jdbc;

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    CurrentUser admin;
    Organisation relais;
    CurrentUser facilitator;
    Childminder childminder;
    Account childminderAccount;
    LabelApplication application;

    @BeforeEach
    void relaisWithAnApplication() {
        admin = fixtures.admin();
        relais = fixtures.relais(RelaisFixtures.CORBEIL);
        facilitator = fixtures.signedIn(fixtures.facilitator(relais));
        childminder = fixtures.childminder(admin, RelaisFixtures.CORBEIL);
        childminderAccount = fixtures.accountOf(childminder);
        application = fixtures.applied(childminderAccount);
    }

    private List<String> facilitatorPages() {
        return List.of("/relais", "/relais/childminders", "/relais/childminders/" + childminder.getId(),
                "/relais/applications", "/relais/applications/" + application.getId());
    }

    @Test
    void theFacilitatorSeesHerRelaisPagesWithoutAnyFamilyData() throws Exception {
        for (String page : facilitatorPages()) {
            assertThat(page(facilitator, page)).as(page).doesNotContain("??");
        }
        assertThat(page(facilitator, "/relais/childminders")).contains("relais-childminder-row")
                .contains(childminder.getLastName());
    }

    @Test
    void theFacilitatorSeesTheAvailabilityHerChildmindersDeclare() throws Exception {
        assertThat(page(facilitator, "/relais/childminders/" + childminder.getId()))
                .contains("Places libres non déclarées").doesNotContain("data-testid=\"away\"");
        LocalDate from = LocalDate.now().plusDays(10);
        jdbc.sql("""
                        insert into childminder_absence (childminder_id, reason, first_day, last_day, created_at, created_by)
                        values (?, 'HOLIDAY', ?, ?, now(), ?)""")
                .params(childminder.getId(), from, from.plusDays(6), childminderAccount.user().getId()).update();
        jdbc.sql("""
                        insert into childminder_free_places (childminder_id, free_places, declared_at, declared_by)
                        values (?, 1, now(), ?)""")
                .params(childminder.getId(), childminderAccount.user().getId()).update();
        String away = "Absente du " + from.format(FRENCH_DATE) + " au " + from.plusDays(6).format(FRENCH_DATE);
        assertThat(page(facilitator, "/relais/childminders/" + childminder.getId())).contains("1 place AVIP libre")
                .contains(away);
        assertThat(page(facilitator, "/relais/childminders")).contains("1 place AVIP libre").contains(away);
    }

    @Test
    void everyFacilitatorPageIsForbiddenToTheOtherRoles() throws Exception {
        for (Role role : List.of(Role.ADVISOR, Role.CAF_OFFICER, Role.PROVIDER, Role.ADMIN)) {
            CurrentUser other = accounts.signedIn(accounts.create(role));
            for (String page : facilitatorPages()) {
                mvc.perform(get(page).with(user(other))).andExpect(status().isForbidden());
            }
            mvc.perform(post("/relais/childminders/" + childminder.getId() + "/follow-up").with(user(other))
                    .with(csrf()).param("kind", "CALL").param("happenedOn", LocalDate.now().toString())
                    .param("note", "Appel").param("requestToken", UUID.randomUUID().toString()))
                    .andExpect(status().isForbidden());
        }
    }

    @Test
    void anotherRelaisFacilitatorFindsNothingOfThisRelais() throws Exception {
        CurrentUser other = fixtures.signedIn(fixtures.facilitator(fixtures.relais(RelaisFixtures.MASSY)));
        mvc.perform(get("/relais/childminders/" + childminder.getId()).with(user(other)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/relais/applications/" + application.getId()).with(user(other)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/relais/applications/" + application.getId() + "/opinion").with(user(other)).with(csrf())
                .param("opinion", "FAVOURABLE").param("version", "0")).andExpect(status().isNotFound());
        mvc.perform(post("/relais/childminders/" + childminder.getId() + "/follow-up").with(user(other))
                .with(csrf()).param("kind", "CALL").param("happenedOn", LocalDate.now().toString())
                .param("note", "Appel").param("requestToken", UUID.randomUUID().toString()))
                .andExpect(status().isNotFound());
        assertThat(page(other, "/relais/childminders")).doesNotContain("/relais/childminders/" + childminder.getId()
                + "\"");
        assertThat(page(other, "/relais/applications")).doesNotContain("/relais/applications/"
                + application.getId() + "\"");
        assertThat(fixtures.count("select count(*) from relais_follow_up where childminder_id = ?",
                childminder.getId())).isZero();
    }

    @Test
    void theApplicationPageIsAChildmindersAndTheDecisionTheDepartementsAdministrators() throws Exception {
        CurrentUser service = accounts.signedIn(accounts.create(Role.PROVIDER));
        mvc.perform(get("/provider/label-application").with(user(service))).andExpect(status().isNotFound());
        CurrentUser parisAdmin = accounts.signedIn(accounts.create(Role.ADMIN,
                accounts.organisation(OrganisationKind.CAF, "75", "75056")));
        mvc.perform(get("/admin/label-applications/" + application.getId()).with(user(parisAdmin)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/admin/label-applications/" + application.getId() + "/refuse").with(user(parisAdmin))
                .with(csrf()).param("reason", "Non").param("version", "0")).andExpect(status().isNotFound());
        assertThat(page(parisAdmin, "/admin/label-applications")).doesNotContain(
                "/admin/label-applications/" + application.getId() + "\"");
        assertThat(page(admin, "/admin/label-applications")).contains(
                "/admin/label-applications/" + application.getId() + "\"");
        mvc.perform(get("/admin/label-applications/" + application.getId()).with(user(facilitator)))
                .andExpect(status().isForbidden());
    }

    @Test
    void theWholeCycleThroughThePages() throws Exception {
        CurrentUser provider = fixtures.signedIn(childminderAccount);
        assertThat(page(provider, "/provider/label-application")).contains("data-status=\"AWAITING_OPINION\"")
                .contains("data-testid=\"withdraw\"");

        mvc.perform(post("/relais/applications/" + application.getId() + "/opinion").with(user(facilitator))
                .with(csrf()).param("opinion", "FAVOURABLE").param("version", String.valueOf(application.getVersion())))
                .andExpect(redirectedUrl("/relais/applications/" + application.getId()));

        LocalDate today = LocalDate.now();
        mvc.perform(post("/admin/label-applications/" + application.getId() + "/grant").with(user(admin))
                .with(csrf()).param("validFrom", today.toString()).param("validTo", today.plusYears(2).toString())
                .param("version", String.valueOf(application.getVersion() + 1)))
                .andExpect(redirectedUrl("/admin/label-applications/" + application.getId()));

        assertThat(page(provider, "/provider/label-application")).contains("data-status=\"GRANTED\"");
        assertThat(page(facilitator, "/relais/childminders/" + childminder.getId()))
                .contains("data-status=\"GRANTED\"").contains("data-status=\"ACTIVE\"");
    }

    @Test
    void badInputIsAnsweredInFrenchNextToItsFieldAndSavesNothing() throws Exception {
        String followUp = mvc.perform(post("/relais/childminders/" + childminder.getId() + "/follow-up")
                        .with(user(facilitator)).with(csrf()).param("kind", "VISIT")
                        .param("happenedOn", LocalDate.now().plusDays(3).toString()).param("note", " ")
                        .param("requestToken", UUID.randomUUID().toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(followUp).contains("id=\"note-error\"").contains("Écrivez une note.")
                .contains("id=\"happenedOn-error\"").contains("ne peut pas être dans le futur");
        assertThat(fixtures.count("select count(*) from relais_follow_up where childminder_id = ?",
                childminder.getId())).isZero();

        String opinion = mvc.perform(post("/relais/applications/" + application.getId() + "/opinion")
                        .with(user(facilitator)).with(csrf()).param("opinion", "UNFAVOURABLE").param("comment", "")
                        .param("version", String.valueOf(application.getVersion())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(opinion).contains("id=\"comment-error\"").contains("Expliquez votre avis défavorable.");

        String refusal = mvc.perform(post("/admin/label-applications/" + application.getId() + "/refuse")
                        .with(user(admin)).with(csrf()).param("reason", "  ")
                        .param("version", String.valueOf(application.getVersion())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refusal).contains("id=\"reason-error\"").contains("Indiquez le motif du refus.");

        String grant = mvc.perform(post("/admin/label-applications/" + application.getId() + "/grant")
                        .with(user(admin)).with(csrf()).param("validFrom", LocalDate.now().toString())
                        .param("validTo", LocalDate.now().plusYears(7).toString())
                        .param("version", String.valueOf(application.getVersion())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(grant).contains("id=\"validTo-error\"");
        assertThat(fixtures.count("select count(*) from avip_label where childminder_id = ?", childminder.getId()))
                .isZero();

        Childminder other = fixtures.childminder(admin, RelaisFixtures.CORBEIL);
        String apply = mvc.perform(post("/provider/label-application").with(user(fixtures.signedIn(
                        fixtures.accountOf(other)))).with(csrf()).param("availability", "")
                        .param("minAgeMonths", "30").param("maxAgeMonths", "12"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(apply).contains("id=\"availability-error\"").contains("Décrivez vos disponibilités.");
        assertThat(fixtures.count("select count(*) from label_application where childminder_id = ?", other.getId()))
                .isZero();
    }

    @Test
    void theSameFollowUpFormPostedTwiceRecordsOneAction() throws Exception {
        String token = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/relais/childminders/" + childminder.getId() + "/follow-up").with(user(facilitator))
                    .with(csrf()).param("kind", "WORKSHOP").param("happenedOn", LocalDate.now().toString())
                    .param("note", "Atelier éveil musical").param("requestToken", token))
                    .andExpect(redirectedUrl("/relais/childminders/" + childminder.getId()));
        }
        assertThat(fixtures.count("select count(*) from relais_follow_up where childminder_id = ?",
                childminder.getId())).isEqualTo(1);
        assertThat(fixtures.count("""
                select count(*) from audit_entry where entity_type = 'FOLLOW_UP' and action = 'FOLLOW_UP_RECORDED'
                and changes::text like ?""", "%" + childminder.getId() + "%")).isEqualTo(1);
        assertThat(page(facilitator, "/relais/childminders/" + childminder.getId()))
                .contains("Atelier éveil musical");
    }

    @Test
    void theChildmindersListRunsTheSameStatementsForOneRowOrMany() throws Exception {
        CurrentUser lonely = fixtures.signedIn(fixtures.facilitator(fixtures.relais("91103")));
        fixtures.childminder(admin, "91103");
        CurrentUser busy = fixtures.signedIn(fixtures.facilitator(fixtures.relais("91201")));
        for (int i = 0; i < 8; i++) {
            fixtures.childminder(admin, "91201");
        }
        long one = statements.count(() -> mvc.perform(get("/relais/childminders").with(user(lonely)))
                .andExpect(status().isOk()));
        long many = statements.count(() -> mvc.perform(get("/relais/childminders").with(user(busy)))
                .andExpect(status().isOk()));
        assertThat(many).isEqualTo(one).isLessThanOrEqualTo(3);
    }

    @Test
    void theCommunesOfARelaisAreKeptByTheAdministratorsOfItsDepartement() throws Exception {
        Organisation empty = fixtures.relais();
        String base = "/admin/organisations/" + empty.getId() + "/communes";
        mvc.perform(post(base).with(user(admin)).with(csrf()).param("communeQuery", "91228"))
                .andExpect(redirectedUrl(base));
        String refused = mvc.perform(post(base).with(user(admin)).with(csrf()).param("communeQuery", "75056"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("id=\"communeQuery-error\"")
                .contains("Cette commune n’est pas dans le département choisi.");
        assertThat(fixtures.count("select count(*) from relais_commune where relais_organisation_id = ?",
                empty.getId())).isEqualTo(1);
        assertThat(fixtures.count("""
                select count(*) from audit_entry where entity_type = 'RELAIS' and entity_id = ?
                and action = 'COMMUNE_ADDED'""", empty.getId())).isEqualTo(1);
        assertThat(page(admin, base)).contains("Évry-Courcouronnes");

        CurrentUser parisAdmin = accounts.signedIn(accounts.create(Role.ADMIN,
                accounts.organisation(OrganisationKind.CAF, "75", "75056")));
        mvc.perform(get(base).with(user(parisAdmin))).andExpect(status().isNotFound());
        mvc.perform(post(base + "/remove").with(user(parisAdmin)).with(csrf()).param("commune", "91228"))
                .andExpect(status().isNotFound());
        mvc.perform(get(base).with(user(facilitator))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/organisations/" + admin.getOrganisationId() + "/communes").with(user(admin)))
                .andExpect(status().isNotFound());
    }

    @Test
    void theCafSeesTheApplicationsByOutcomeAmongItsStatistics() throws Exception {
        CurrentUser officer = accounts.signedIn(accounts.create(Role.CAF_OFFICER));
        assertThat(page(officer, "/statistics")).contains("data-testid=\"table-label-applications\"");
        CurrentUser advisor = accounts.signedIn(accounts.create(Role.ADVISOR));
        assertThat(page(advisor, "/statistics")).doesNotContain("table-label-applications");
    }

    private String page(CurrentUser user, String path) throws Exception {
        return mvc.perform(get(path).with(user(user))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
