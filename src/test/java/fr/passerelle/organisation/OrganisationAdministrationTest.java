package fr.passerelle.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

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

@IntegrationTest
class OrganisationAdministrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    OrganisationRepository organisations;

    @Autowired
    JdbcClient jdbc;

    Account admin;
    MockHttpSession session;
    String name;

    @BeforeEach
    void signIn() throws Exception {
        admin = accounts.create(Role.ADMIN);
        session = session(admin);
        name = "Mission locale " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anOrganisationIsCreatedEditedAndDeactivatedWithEachChangeAudited() throws Exception {
        mvc.perform(post("/admin/organisations/new").session(session).with(csrf())
                        .param("kind", "OTHER_PRESCRIBER").param("name", name).param("departementCode", "91")
                        .param("communeQuery", "Évry-Courcouronnes (91000)"))
                .andExpect(redirectedUrlPattern("/admin/organisations/*"));
        Organisation created = organisations.findByKindAndName(OrganisationKind.OTHER_PRESCRIBER, name).orElseThrow();
        assertThat(created.getCommuneCode()).isEqualTo("91228");

        mvc.perform(post("/admin/organisations/" + created.getId()).session(session).with(csrf())
                        .param("name", name + " Nord").param("departementCode", "91").param("communeQuery", "")
                        .param("version", "0"))
                .andExpect(flash().attribute("flash", "admin.organisation.flash.updated"));
        Account advisor = accounts.create(Role.ADVISOR, organisations.findById(created.getId()).orElseThrow());
        MockHttpSession advisorSession = session(advisor);

        mvc.perform(post("/admin/organisations/" + created.getId() + "/deactivate").session(session).with(csrf())
                        .param("version", "1"))
                .andExpect(flash().attribute("flash", "admin.organisation.flash.deactivated"));
        mvc.perform(get("/advisor").session(advisorSession)).andExpect(redirectedUrl("/login?expired"));

        List<String> audit = jdbc.sql("select action || ' ' || changes::text from audit_entry"
                + " where entity_type = 'ORGANISATION' and entity_id = ? order by id").param(created.getId())
                .query(String.class).list();
        assertThat(audit).hasSize(3);
        assertThat(audit.get(0)).startsWith("CREATED").contains("OTHER_PRESCRIBER", "91228");
        assertThat(audit.get(1)).startsWith("UPDATED").contains(name + " Nord", "91228").doesNotContain("departement");
        assertThat(audit.get(2)).startsWith("DEACTIVATED");
    }

    @Test
    void aCommuneOutsideTheDepartementAndADuplicateNameAreRefused() throws Exception {
        mvc.perform(post("/admin/organisations/new").session(session).with(csrf())
                        .param("kind", "CAF").param("name", name).param("departementCode", "91")
                        .param("communeQuery", "75056"))
                .andExpect(model().attributeHasFieldErrorCode("organisationForm", "communeQuery",
                        "admin.commune.other-departement"));
        Organisation existing = accounts.organisation(OrganisationKind.CAF);
        mvc.perform(post("/admin/organisations/new").session(session).with(csrf())
                        .param("kind", "CAF").param("name", existing.getName().toUpperCase())
                        .param("departementCode", "91"))
                .andExpect(model().attributeHasFieldErrorCode("organisationForm", "name",
                        "admin.organisation.name.taken"));
    }

    @Test
    void anAdministratorCannotDeactivateTheirOwnOrganisationAndProvidersAreNotEditedHere() throws Exception {
        long own = admin.user().getOrganisation().getId();
        mvc.perform(post("/admin/organisations/" + own + "/deactivate").session(session).with(csrf())
                        .param("version", "0"))
                .andExpect(flash().attribute("error", "admin.organisation.deactivate.self"));
        assertThat(organisations.findById(own).orElseThrow().isActive()).isTrue();

        Organisation provider = accounts.organisation(OrganisationKind.HOME_CARE_SERVICE);
        mvc.perform(get("/admin/organisations/" + provider.getId()).session(session))
                .andExpect(status().isNotFound());
    }

    @Test
    void movingAnOrganisationToAnotherDepartementEndsTheSessionsOfItsUsers() throws Exception {
        Organisation caf = accounts.organisation(OrganisationKind.CAF);
        MockHttpSession officerSession = session(accounts.create(Role.CAF_OFFICER, caf));
        mvc.perform(get("/officer").session(officerSession)).andExpect(status().isOk());

        mvc.perform(post("/admin/organisations/" + caf.getId()).session(session).with(csrf())
                        .param("name", caf.getName()).param("departementCode", "75").param("communeQuery", "")
                        .param("version", String.valueOf(caf.getVersion())))
                .andExpect(flash().attribute("flash", "admin.organisation.flash.updated"));

        mvc.perform(get("/officer").session(officerSession)).andExpect(redirectedUrl("/login?expired"));
    }

    @Test
    void reactivatingAnOrganisationDoesNotReviveTheSessionsOpenedBefore() throws Exception {
        Organisation agency = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY);
        MockHttpSession advisorSession = session(accounts.create(Role.ADVISOR, agency));

        mvc.perform(post("/admin/organisations/" + agency.getId() + "/deactivate").session(session).with(csrf())
                        .param("version", String.valueOf(agency.getVersion())))
                .andExpect(flash().attribute("flash", "admin.organisation.flash.deactivated"));
        mvc.perform(post("/admin/organisations/" + agency.getId() + "/reactivate").session(session).with(csrf())
                        .param("version", String.valueOf(agency.getVersion() + 1)))
                .andExpect(flash().attribute("flash", "admin.organisation.flash.reactivated"));

        mvc.perform(get("/advisor").session(advisorSession)).andExpect(redirectedUrl("/login?expired"));
    }

    @Test
    void aContactAddressIsSavedAndAuditedAndABadOneIsRefusedNextToTheFieldWithNothingSaved() throws Exception {
        mvc.perform(post("/admin/organisations/new").session(session).with(csrf())
                        .param("kind", "CAF").param("name", name).param("departementCode", "91")
                        .param("contactEmail", "action-sociale@caf91"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("organisationForm", "contactEmail", "ValidEmail"))
                .andExpect(content().string(Matchers.containsString(
                        "Cette adresse e-mail n’est pas valide : elle s’écrit nom@domaine.fr, sans espace.")))
                .andExpect(content().string(Matchers.containsString(
                        "aria-describedby=\"contactEmail-hint contactEmail-error\"")));
        assertThat(organisations.findByKindAndName(OrganisationKind.CAF, name)).isEmpty();

        mvc.perform(post("/admin/organisations/new").session(session).with(csrf())
                        .param("kind", "CAF").param("name", name).param("departementCode", "91")
                        .param("contactEmail", " action-sociale@caf91.fr "))
                .andExpect(redirectedUrlPattern("/admin/organisations/*"));
        Organisation caf = organisations.findByKindAndName(OrganisationKind.CAF, name).orElseThrow();
        assertThat(caf.getContactEmail()).isEqualTo("action-sociale@caf91.fr");
        mvc.perform(get("/admin/organisations/" + caf.getId()).session(session))
                .andExpect(content().string(Matchers.containsString("value=\"action-sociale@caf91.fr\"")))
                .andExpect(content().string(Matchers.containsString("Adresse e-mail de contact (boîte partagée)")));

        mvc.perform(post("/admin/organisations/" + caf.getId()).session(session).with(csrf())
                        .param("name", name).param("departementCode", "91")
                        .param("contactEmail", "accueil;direction@caf91.fr").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("organisationForm", "contactEmail", "ValidEmail"));
        assertThat(organisations.findById(caf.getId()).orElseThrow().getContactEmail())
                .isEqualTo("action-sociale@caf91.fr");

        mvc.perform(post("/admin/organisations/" + caf.getId()).session(session).with(csrf())
                        .param("name", name).param("departementCode", "91")
                        .param("contactEmail", "prestations@caf91.fr").param("version", "0"))
                .andExpect(flash().attribute("flash", "admin.organisation.flash.updated"));
        assertThat(organisations.findById(caf.getId()).orElseThrow().getContactEmail())
                .isEqualTo("prestations@caf91.fr");
        List<String> audit = jdbc.sql("select action || ' ' || changes::text from audit_entry"
                + " where entity_type = 'ORGANISATION' and entity_id = ? order by id").param(caf.getId())
                .query(String.class).list();
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0)).startsWith("CREATED").contains("contactEmail", "action-sociale@caf91.fr");
        assertThat(audit.get(1)).startsWith("UPDATED")
                .contains("contactEmail", "action-sociale@caf91.fr", "prestations@caf91.fr")
                .doesNotContain("\"name\"");
    }

    private MockHttpSession session(Account account) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin().user(account.username()).password(account.password()))
                .andReturn().getRequest().getSession();
    }
}
