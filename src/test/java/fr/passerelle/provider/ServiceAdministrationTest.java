package fr.passerelle.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class ServiceAdministrationTest {

    /** CA Grand Paris Sud Seine Essonne Sénart: communes in Essonne (91) and Seine-et-Marne (77). */
    static final String GRAND_PARIS_SUD = "200059228";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrganisationRepository organisations;

    MockHttpSession admin;
    String name;

    @BeforeEach
    void signIn() throws Exception {
        Account account = accounts.create(Role.ADMIN);
        admin = session(account);
        name = "SAD " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anEpciExpandsToItsCommunesWithoutSavingAndTheSavedCoverageIsAudited() throws Exception {
        List<String> epciCommunes = jdbc.sql("select insee_code from commune where epci_code = ? order by 1")
                .param(GRAND_PARIS_SUD).query(String.class).list();
        assertThat(epciCommunes).hasSizeGreaterThan(10);

        mvc.perform(post("/admin/services/home-care/new").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91228").param("action", "add-epci")
                        .param("epciQuery", "Grand Paris Sud Seine"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("serviceForm", Matchers.hasProperty("coverage",
                        Matchers.equalTo(epciCommunes))));
        assertThat(serviceId()).isNull();

        MvcResult created = mvc.perform(post("/admin/services/home-care/new").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91228").param("phone", "01 60 00 00 09")
                        .param("coverage", epciCommunes.toArray(String[]::new))
                        .param("coverageCommuneQuery", "91377").param("action", "save"))
                .andExpect(redirectedUrlPattern("/admin/services/home-care/*/edit"))
                .andExpect(flash().attribute("flash", "admin.service.flash.created"))
                .andReturn();
        Long id = serviceId();
        assertThat(created.getResponse().getRedirectedUrl()).contains("/" + id + "/");
        assertThat(coverage(id)).hasSize(epciCommunes.size() + 1).contains("91377");

        List<String> kept = epciCommunes.subList(1, epciCommunes.size());
        mvc.perform(post("/admin/services/home-care/" + id + "/edit").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91228").param("phone", "01 60 00 00 09")
                        .param("underThreeApproved", "true")
                        .param("coverage", kept.toArray(String[]::new)).param("version", "0")
                        .param("action", "save"))
                .andExpect(flash().attribute("flash", "admin.service.flash.updated"));
        assertThat(coverage(id)).containsExactlyElementsOf(kept);

        List<String> audit = audit("HOME_CARE_SERVICE", id);
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0)).startsWith("CREATED").contains("91377");
        assertThat(audit.get(1)).startsWith("UPDATED")
                .contains("underThreeApproved false → true")
                .contains("coverageRemoved ∅ → " + epciCommunes.get(0))
                .doesNotContain("coverageAdded");
    }

    @Test
    void aStaleServiceVersionIsRefusedAndNothingChanges() throws Exception {
        mvc.perform(post("/admin/services/home-care/new").session(admin).with(csrf())
                .param("name", name).param("communeQuery", "91228").param("coverage", "91228")
                .param("action", "save"));
        Long id = serviceId();
        mvc.perform(get("/admin/services/home-care/" + id + "/edit").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("value=\"91228\"")));
        mvc.perform(post("/admin/services/home-care/" + id + "/edit").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91228").param("coverage", "91228", "91174")
                        .param("version", "7").param("action", "save"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Quelqu’un a modifié cette fiche")));
        assertThat(coverage(id)).containsExactly("91228");
    }

    @Test
    void aServiceWithoutCoverageOrAnUnknownEpciIsRefusedNextToTheField() throws Exception {
        mvc.perform(post("/admin/services/home-care/new").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91228").param("action", "save"))
                .andExpect(model().attributeHasFieldErrorCode("serviceForm", "coverage",
                        "admin.service.coverage.required"));
        mvc.perform(post("/admin/services/home-care/new").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91228").param("action", "add-epci")
                        .param("epciQuery", "Nulle part du tout"))
                .andExpect(model().attributeHasFieldErrorCode("serviceForm", "epciQuery",
                        "admin.service.epci.unknown"))
                .andExpect(content().string(Matchers.containsString("aria-describedby=\"epciQuery-hint epciQuery-error\"")));
        assertThat(serviceId()).isNull();
    }

    @Test
    void unknownCommuneCodesInTheCoverageAreNamedAndNothingIsSaved() throws Exception {
        mvc.perform(post("/admin/services/home-care/new").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91228")
                        .param("coverage", "91228", "99999", "2C001").param("action", "save"))
                .andExpect(model().attributeHasFieldErrorCode("serviceForm", "coverage",
                        "admin.service.coverage.unknown"))
                .andExpect(content().string(Matchers.containsString(
                        "Ces codes ne sont pas des communes connues : 2C001, 99999. Rien n’a été enregistré.")));
        assertThat(serviceId()).isNull();

        mvc.perform(post("/admin/services/home-care/new").session(admin).with(csrf())
                .param("name", name).param("communeQuery", "91228").param("coverage", "91228")
                .param("action", "save"));
        Long id = serviceId();
        mvc.perform(post("/admin/services/home-care/" + id + "/edit").session(admin).with(csrf())
                        .param("name", name + " renommé").param("communeQuery", "91228")
                        .param("coverage", "91174", "00000").param("version", "0").param("action", "save"))
                .andExpect(model().attributeHasFieldErrorCode("serviceForm", "coverage",
                        "admin.service.coverage.unknown"));
        assertThat(coverage(id)).containsExactly("91228");
        assertThat(jdbc.sql("select o.name from home_care_service s join organisation o on o.id = s.organisation_id"
                + " where s.id = ?").param(id).query(String.class).single()).isEqualTo(name);
    }

    @Test
    void aCrecheKeepsItsEmergencyPlacesWithinItsPlacesAndIsDeactivatedNotDeleted() throws Exception {
        mvc.perform(post("/admin/services/creches/new").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91174").param("totalPlaces", "10")
                        .param("emergencyPlaces", "12").param("minAgeMonths", "2").param("maxAgeMonths", "36"))
                .andExpect(model().attributeHasFieldErrorCode("crecheForm", "emergencyPlaces",
                        "admin.creche.emergency.exceeds"))
                .andExpect(content().string(Matchers.containsString("ne peuvent pas dépasser")));

        mvc.perform(post("/admin/services/creches/new").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91174").param("totalPlaces", "40")
                        .param("emergencyPlaces", "3").param("minAgeMonths", "3").param("maxAgeMonths", "48"))
                .andExpect(redirectedUrlPattern("/admin/services/creches/*/edit"));
        long id = jdbc.sql("select c.id from creche c join organisation o on o.id = c.organisation_id where o.name = ?")
                .param(name).query(Long.class).single();

        mvc.perform(post("/admin/services/creches/" + id + "/deactivate").session(admin).with(csrf())
                        .param("version", "0"))
                .andExpect(flash().attribute("flash", "admin.creche.flash.deactivated"));
        assertThat(jdbc.sql("select o.active from creche c join organisation o on o.id = c.organisation_id where c.id = ?")
                .param(id).query(Boolean.class).single()).isFalse();
        assertThat(audit("CRECHE", id)).hasSize(2).last().asString().isEqualTo("DEACTIVATED: active true → false");
        assertThat(audit("CRECHE", id).get(0)).contains("emergencyPlaces ∅ → 3", "maxAgeMonths ∅ → 48");
    }

    @Test
    void officersSeeTheServicesOfTheirDepartementOnly() throws Exception {
        mvc.perform(post("/admin/services/home-care/new").session(admin).with(csrf())
                .param("name", name).param("communeQuery", "91228").param("coverage", "91228")
                .param("action", "save"));
        String parisName = name + " Paris";
        mvc.perform(post("/admin/services/home-care/new").session(admin).with(csrf())
                .param("name", parisName).param("communeQuery", "75056").param("coverage", "75056")
                .param("action", "save"));

        Account essonne = accounts.create(Role.CAF_OFFICER);
        Account paris = accounts.create(Role.CAF_OFFICER, accounts.organisation(OrganisationKind.CAF, "75", "75056"));
        mvc.perform(get("/officer/registry/services").session(session(essonne)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(name)))
                .andExpect(content().string(Matchers.not(Matchers.containsString(parisName))))
                .andExpect(content().string(Matchers.containsString("Évry-Courcouronnes (91000)")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("/admin/services/"))));
        mvc.perform(get("/officer/registry/services").session(session(paris)))
                .andExpect(content().string(Matchers.containsString(parisName)))
                .andExpect(content().string(Matchers.not(Matchers.containsString(name + "<"))));
    }

    @Test
    void movingAServiceToAnotherDepartementEndsTheSessionsOfItsUsers() throws Exception {
        mvc.perform(post("/admin/services/home-care/new").session(admin).with(csrf())
                .param("name", name).param("communeQuery", "91228").param("coverage", "91228")
                .param("action", "save"));
        Long id = serviceId();
        long organisationId = jdbc.sql("select organisation_id from home_care_service where id = ?").param(id)
                .query(Long.class).single();
        MockHttpSession provider = session(accounts.create(Role.PROVIDER,
                organisations.findById(organisationId).orElseThrow()));
        mvc.perform(get("/provider").session(provider)).andExpect(status().isOk());

        mvc.perform(post("/admin/services/home-care/" + id + "/edit").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "75056").param("coverage", "91228")
                        .param("version", "0").param("action", "save"))
                .andExpect(status().is3xxRedirection());

        mvc.perform(get("/provider").session(provider)).andExpect(redirectedUrl("/login?expired"));
    }

    @Test
    void aServiceDeskAddressIsSavedOnItsOrganisationAuditedListedAndClearedAgain() throws Exception {
        mvc.perform(post("/admin/services/home-care/new").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91228").param("coverage", "91228")
                        .param("contactEmail", " accueil@sad91.fr ").param("action", "save"))
                .andExpect(redirectedUrlPattern("/admin/services/home-care/*/edit"));
        Long id = serviceId();
        assertThat(contactEmail("home_care_service", id)).isEqualTo("accueil@sad91.fr");
        mvc.perform(get("/admin/services/home-care/" + id + "/edit").session(admin))
                .andExpect(content().string(Matchers.containsString("value=\"accueil@sad91.fr\"")))
                .andExpect(content().string(Matchers.containsString("Reçoit une copie des propositions")));
        mvc.perform(get("/admin/services").session(admin))
                .andExpect(content().string(Matchers.containsString("Adresse de l’accueil")))
                .andExpect(content().string(Matchers.containsString("accueil@sad91.fr")));

        mvc.perform(post("/admin/services/home-care/" + id + "/edit").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91228").param("coverage", "91228")
                        .param("contactEmail", "secretariat@sad91.fr").param("version", "0")
                        .param("action", "save"))
                .andExpect(flash().attribute("flash", "admin.service.flash.updated"));
        assertThat(contactEmail("home_care_service", id)).isEqualTo("secretariat@sad91.fr");
        // The service's own row is unchanged, yet a form opened before this change is now stale.
        assertThat(serviceVersion(id)).isEqualTo(1);
        mvc.perform(post("/admin/services/home-care/" + id + "/edit").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91228").param("coverage", "91228")
                        .param("contactEmail", "autre@sad91.fr").param("version", "0").param("action", "save"))
                .andExpect(content().string(Matchers.containsString("Quelqu’un a modifié cette fiche")));
        assertThat(contactEmail("home_care_service", id)).isEqualTo("secretariat@sad91.fr");

        mvc.perform(post("/admin/services/home-care/" + id + "/edit").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91228").param("coverage", "91228")
                        .param("contactEmail", "").param("version", String.valueOf(serviceVersion(id)))
                        .param("action", "save"))
                .andExpect(flash().attribute("flash", "admin.service.flash.updated"));
        assertThat(contactEmail("home_care_service", id)).isNull();

        List<String> audit = audit("HOME_CARE_SERVICE", id);
        assertThat(audit).hasSize(3);
        assertThat(audit.get(0)).startsWith("CREATED").contains("contactEmail ∅ → accueil@sad91.fr");
        assertThat(audit.get(1)).isEqualTo("UPDATED: contactEmail accueil@sad91.fr → secretariat@sad91.fr");
        assertThat(audit.get(2)).isEqualTo("UPDATED: contactEmail secretariat@sad91.fr → ∅");
    }

    @Test
    void anInvalidDeskAddressIsRefusedNextToTheFieldAndNothingIsSaved() throws Exception {
        mvc.perform(post("/admin/services/home-care/new").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91228").param("coverage", "91228")
                        .param("contactEmail", "accueil@sad91").param("action", "save"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("serviceForm", "contactEmail", "ValidEmail"));
        assertThat(serviceId()).isNull();

        mvc.perform(post("/admin/services/home-care/new").session(admin).with(csrf())
                .param("name", name).param("communeQuery", "91228").param("coverage", "91228")
                .param("contactEmail", "accueil@sad91.fr").param("action", "save"));
        Long id = serviceId();
        mvc.perform(post("/admin/services/home-care/" + id + "/edit").session(admin).with(csrf())
                        .param("name", name + " renommé").param("communeQuery", "91228").param("coverage", "91228")
                        .param("contactEmail", "accueil;direction@sad91.fr").param("version", "0")
                        .param("action", "save"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("serviceForm", "contactEmail", "ValidEmail"))
                .andExpect(content().string(Matchers.containsString(
                        "aria-describedby=\"contactEmail-hint contactEmail-error\"")))
                .andExpect(content().string(Matchers.containsString("href=\"#contactEmail\"")))
                .andExpect(content().string(Matchers.containsString("Cette adresse e-mail n’est pas valide")));
        assertThat(contactEmail("home_care_service", id)).isEqualTo("accueil@sad91.fr");
        assertThat(serviceId()).isEqualTo(id);
        assertThat(audit("HOME_CARE_SERVICE", id)).hasSize(1);
    }

    @Test
    void aCrecheDeskAddressIsCheckedSavedAuditedAndClearedAgain() throws Exception {
        mvc.perform(post("/admin/services/creches/new").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91174").param("totalPlaces", "40")
                        .param("emergencyPlaces", "3").param("minAgeMonths", "2").param("maxAgeMonths", "36")
                        .param("contactEmail", "accueil creche@mairie.fr"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("crecheForm", "contactEmail", "ValidEmail"))
                .andExpect(content().string(Matchers.containsString(
                        "aria-describedby=\"contactEmail-hint contactEmail-error\"")));
        assertThat(crecheId()).isNull();

        mvc.perform(post("/admin/services/creches/new").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91174").param("totalPlaces", "40")
                        .param("emergencyPlaces", "3").param("minAgeMonths", "2").param("maxAgeMonths", "36")
                        .param("contactEmail", "creche@mairie-evry.fr"))
                .andExpect(redirectedUrlPattern("/admin/services/creches/*/edit"));
        long id = crecheId();
        assertThat(contactEmail("creche", id)).isEqualTo("creche@mairie-evry.fr");
        mvc.perform(get("/admin/services").session(admin))
                .andExpect(content().string(Matchers.containsString("creche@mairie-evry.fr")));

        mvc.perform(post("/admin/services/creches/" + id + "/edit").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91174").param("totalPlaces", "40")
                        .param("emergencyPlaces", "3").param("minAgeMonths", "2").param("maxAgeMonths", "36")
                        .param("contactEmail", "creche@mairie-evry").param("version", "0"))
                .andExpect(model().attributeHasFieldErrorCode("crecheForm", "contactEmail", "ValidEmail"));
        assertThat(contactEmail("creche", id)).isEqualTo("creche@mairie-evry.fr");

        mvc.perform(post("/admin/services/creches/" + id + "/edit").session(admin).with(csrf())
                        .param("name", name).param("communeQuery", "91174").param("totalPlaces", "40")
                        .param("emergencyPlaces", "3").param("minAgeMonths", "2").param("maxAgeMonths", "36")
                        .param("contactEmail", "  ").param("version", "0"))
                .andExpect(flash().attribute("flash", "admin.creche.flash.updated"));
        assertThat(contactEmail("creche", id)).isNull();

        List<String> audit = audit("CRECHE", id);
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0)).startsWith("CREATED").contains("contactEmail ∅ → creche@mairie-evry.fr");
        assertThat(audit.get(1)).isEqualTo("UPDATED: contactEmail creche@mairie-evry.fr → ∅");
    }

    @Test
    void unknownServicesAndCrechesAnswer404() throws Exception {
        mvc.perform(get("/admin/services/home-care/999999999/edit").session(admin)).andExpect(status().isNotFound());
        mvc.perform(get("/admin/services/creches/999999999/edit").session(admin)).andExpect(status().isNotFound());
    }

    private Long serviceId() {
        return jdbc.sql("select s.id from home_care_service s join organisation o on o.id = s.organisation_id"
                + " where o.name = ?").param(name).query(Long.class).optional().orElse(null);
    }

    private Long crecheId() {
        return jdbc.sql("select c.id from creche c join organisation o on o.id = c.organisation_id where o.name = ?")
                .param(name).query(Long.class).optional().orElse(null);
    }

    /** The contact address of the organisation of a service ({@code home_care_service}) or a crèche. */
    private String contactEmail(String table, long id) {
        return jdbc.sql("select o.contact_email from " + table + " t join organisation o on o.id = t.organisation_id"
                + " where t.id = ?").param(id).query(String.class).list().get(0);
    }

    private long serviceVersion(long id) {
        return jdbc.sql("select version from home_care_service where id = ?").param(id).query(Long.class).single();
    }

    private List<String> coverage(long id) {
        return jdbc.sql("select commune_code from home_care_coverage where service_id = ? order by 1").param(id)
                .query(String.class).list();
    }

    private List<String> audit(String type, long id) {
        return jdbc.sql("""
                select a.action || ': ' || coalesce((
                    select string_agg((c ->> 'field') || ' ' || coalesce(c ->> 'before', '∅') || ' → '
                                      || coalesce(c ->> 'after', '∅'), '; ' order by n)
                    from jsonb_array_elements(a.changes) with ordinality as t(c, n)), '')
                from audit_entry a where a.entity_type = ? and a.entity_id = ? order by a.id""")
                .param(type).param(id).query(String.class).list();
    }

    private MockHttpSession session(Account account) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin().user(account.username()).password(account.password()))
                .andReturn().getRequest().getSession();
    }
}
