package fr.passerelle.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The registry's commune and EPCI filters are typed text resolved by the server, never lists of every place; its
 * count stops at {@link ChildminderQueries#COUNT_CAP}, so that a national registry stays light and quick.
 */
@IntegrationTest
@Import(Childminders.class)
class RegistryListFiltersTest {

    /** Palaiseau, postal code 91120. */
    private static final String PALAISEAU = "91477";

    @Autowired
    MockMvc mvc;

    @Autowired
    Childminders childminders;

    @Autowired
    TestAccounts accounts;

    @Autowired
    SqlStatementCounter statements;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    CurrentUser admin;
    LocalDate agreementEnd;
    /** Prefix of the agreement numbers and organisation names of the rows inserted in bulk, removed after. */
    String bulk;

    @BeforeEach
    void setUp() {
        admin = accounts.signedIn(accounts.create(Role.ADMIN));
        agreementEnd = LocalDate.now(clock).plusYears(2);
        bulk = "BULK-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void removeBulkRows() {
        jdbc.sql("delete from childminder where agreement_number like ? || '%'").param(bulk).update();
        jdbc.sql("delete from organisation where kind = 'CHILDMINDER' and name like ? || '%'").param(bulk).update();
    }

    @Test
    void aTypedCommuneNameInseeCodeOrSuggestionFiltersTheList() throws Exception {
        Childminder palaiseau = childminders.create(admin, PALAISEAU, agreementEnd);
        Childminder evry = childminders.create(admin, "91228", agreementEnd);

        // The search box narrows the list to one childminder: the shared database has many in Palaiseau.
        for (String typed : new String[] {"Palaiseau", "palaiseau", PALAISEAU, "Palaiseau (91120)"}) {
            assertThat(list(admin, get("/admin/childminders").param("commune", typed)
                    .session(Childminders.searching(mvc, admin, "/admin/childminders", palaiseau.getAgreementNumber()))))
                    .as(typed).contains(row(palaiseau)).contains("value=\"Palaiseau (91120)\"");
            assertThat(list(admin, get("/admin/childminders").param("commune", typed)
                    .session(Childminders.searching(mvc, admin, "/admin/childminders", evry.getAgreementNumber()))))
                    .as(typed).doesNotContain(row(evry)).contains("data-testid=\"empty\"");
        }
        CurrentUser officer = accounts.signedIn(accounts.create(Role.CAF_OFFICER));
        assertThat(list(officer, get("/officer/registry/childminders").param("commune", "palaiseau")
                .session(Childminders.searching(mvc, officer, "/officer/registry/childminders",
                        palaiseau.getAgreementNumber())))).contains(row(palaiseau));
    }

    @Test
    void aNameSearchedIsPostedAndKeptOutOfEveryUrl() throws Exception {
        Childminder palaiseau = childminders.create(admin, PALAISEAU, agreementEnd);
        org.springframework.mock.web.MockHttpSession session = new org.springframework.mock.web.MockHttpSession();

        String redirect = mvc.perform(post("/admin/childminders/filter").session(session).with(user(admin))
                        .with(csrf()).param("q", "Testeuse " + palaiseau.getAgreementNumber().substring(0, 2))
                        .param("commune", "Palaiseau").param("label", "NONE"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(redirect).startsWith("/admin/childminders?").contains("commune=Palaiseau", "label=NONE")
                .doesNotContain("Testeuse").doesNotContain("q=");

        mvc.perform(post("/admin/childminders/filter").session(session).with(user(admin)).with(csrf())
                .param("q", palaiseau.getAgreementNumber()));
        String page = list(admin, get("/admin/childminders").session(session).param("q", "ignored"));
        assertThat(page).contains(row(palaiseau)).contains("value=\"" + palaiseau.getAgreementNumber() + "\"")
                .doesNotContainPattern("href=\"[^\"]*q=");

        mvc.perform(post("/admin/childminders/filter").session(session).with(user(admin)).with(csrf())
                .param("reset", "true"));
        assertThat(session.getAttribute(RegistryViews.SEARCH_ATTRIBUTE)).isNull();
    }

    @Test
    void aTypedEpciNameOrSirenFiltersTheList() throws Exception {
        Childminder palaiseau = childminders.create(admin, PALAISEAU, agreementEnd);
        var epci = jdbc.sql("select e.code, e.name from epci e join commune c on c.epci_code = e.code"
                        + " where c.insee_code = ?").param(PALAISEAU)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).single();

        for (String typed : new String[] {epci[0], epci[1], epci[1] + " (" + epci[0] + ")"}) {
            assertThat(list(admin, get("/admin/childminders").param("epci", typed)
                    .session(Childminders.searching(mvc, admin, "/admin/childminders", palaiseau.getAgreementNumber()))))
                    .as(typed).contains(row(palaiseau));
        }
        // The officer's page suggests EPCIs too: the suggestions are not only the administrators'.
        CurrentUser officer = accounts.signedIn(accounts.create(Role.CAF_OFFICER));
        assertThat(list(officer, post("/epcis/suggestions").with(csrf()).param("q", epci[1]).param("list", "epci-options")))
                .contains("<datalist id=\"epci-options\">").contains(epci[0]);
    }

    @Test
    void anUnknownCommuneOrEpciIsSaidInFrenchNextToItsField() throws Exception {
        String page = list(admin, get("/admin/childminders").param("commune", "Nullepartville-sur-Rien"));
        assertThat(page)
                .contains("Commune introuvable : tapez son nom, son code postal ou son code INSEE.")
                .contains("aria-describedby=\"commune-hint commune-error\"", "aria-invalid=\"true\"")
                .contains("value=\"Nullepartville-sur-Rien\"")
                .doesNotContain("data-testid=\"childminder-table\"", "data-testid=\"empty\"");

        assertThat(list(admin, get("/admin/childminders").param("epci", "zzzqqq")))
                .contains("Intercommunalité introuvable").contains("aria-describedby=\"epci-hint epci-error\"");
    }

    @Test
    void anAmbiguousCommuneOffersItsChoicesAsLinks() throws Exception {
        // Several communes are called Saint-Denis.
        String page = list(admin, get("/admin/childminders").param("commune", "Saint-Denis").param("state", "ALL"));

        assertThat(page).contains("Plusieurs communes correspondent : choisissez-en une.")
                .containsPattern("href=\"/admin/childminders\\?[^\"]*commune=Saint-Denis%20\\(93200\\)[^\"]*state=ALL\"");
        // A choice is a label, which the filter reads back as its one commune.
        assertThat(list(admin, get("/admin/childminders").param("commune", "Saint-Denis (93200)")))
                .contains("value=\"Saint-Denis (93200)\"").doesNotContain("data-testid=\"commune-error\"");
    }

    @Test
    void withThousandsOfCommunesTheListStaysLightItsCountStopsAndItsStatementsStayFixed() throws Exception {
        insertChildminders(ChildminderQueries.COUNT_CAP + 1, 4000);

        String page = list(admin, get("/admin/childminders"));
        assertThat(page.getBytes(StandardCharsets.UTF_8).length).isLessThan(200_000);
        assertThat(page.split("<option", -1).length - 1).as("options on the page").isLessThan(30);
        assertThat(page).containsPattern("Page 1 — plus de 1\\h?000 assistantes maternelles")
                .containsPattern("href=\"/admin/childminders\\?[^\"]*page=1\">Page suivante");

        // Beyond the cap, the pages go on while rows do; past the end, the page says so.
        String last = list(admin, get("/admin/childminders").param("page", "39"));
        assertThat(last).contains("data-testid=\"childminder-table\"").contains("Page 40 — plus de 1");
        assertThat(list(admin, get("/admin/childminders").param("page", "9000")))
                .contains("Cette page est au-delà de la fin de la liste.");

        // Neither the list nor its filters read more statements for a thousand rows than for one.
        String quiet = jdbc.sql("""
                        select c.insee_code from commune c where c.departement_code = '91'
                          and not exists (select from childminder m where m.commune_code = c.insee_code)
                          and not exists (select from commune o where o.postal_codes @> array[c.insee_code]::varchar[])
                        limit 1""").query(String.class).single();
        childminders.create(admin, quiet, agreementEnd);
        long oneRow = statements.count(() -> mvc.perform(get("/admin/childminders").param("commune", quiet)
                .with(user(admin))).andExpect(status().isOk()));
        long capped = statements.count(() -> mvc.perform(get("/admin/childminders").with(user(admin)))
                .andExpect(status().isOk()));
        assertThat(capped).isLessThanOrEqualTo(oneRow);
    }

    /** {@code count} active childminders spread over {@code communes} communes, in two statements. */
    private void insertChildminders(int count, int communes) {
        jdbc.sql("""
                        with places as (
                            select insee_code, departement_code, row_number() over (order by insee_code) as n
                            from commune order by insee_code limit :communes),
                        orgs as (
                            insert into organisation (kind, name, departement_code, commune_code)
                            select 'CHILDMINDER', :bulk || ' ' || g, p.departement_code, p.insee_code
                            from generate_series(1, :count) g join places p on p.n = 1 + g % :communes
                            returning id, name, commune_code)
                        insert into childminder (organisation_id, first_name, last_name, agreement_number,
                                                 agreement_end_date, children_allowed, avip_places, commune_code)
                        select id, 'Masse', 'Zz ' || name, name, :end, 4, 2, commune_code from orgs""")
                .param("communes", communes).param("bulk", bulk).param("count", count).param("end", agreementEnd)
                .update();
    }

    private String list(CurrentUser reader, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(reader))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** The list's row of that childminder (the search box repeats the number, so look for the row itself). */
    private static String row(Childminder childminder) {
        return "data-agreement=\"" + childminder.getAgreementNumber() + "\"";
    }
}
