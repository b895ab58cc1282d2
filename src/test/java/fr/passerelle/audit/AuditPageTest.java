package fr.passerelle.audit;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import fr.passerelle.organisation.Role;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class AuditPageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    Clock clock;

    @Test
    void administratorsSeeWhoChangedWhichFieldFilteredByEntityTypeAndDays() throws Exception {
        TestAccounts.Account admin = accounts.create(Role.ADMIN);
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user(admin.username())
                .password(admin.password())).andReturn().getRequest().getSession();
        String name = "Agence " + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/admin/organisations/new").session(session).with(csrf())
                .param("kind", "FRANCE_TRAVAIL_AGENCY").param("name", name).param("departementCode", "91"));
        LocalDate today = LocalDate.now(clock);

        mvc.perform(get("/admin/audit").session(session).param("entityType", "ORGANISATION")
                        .param("from", today.toString()).param("to", today.toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(name)))
                .andExpect(content().string(Matchers.containsString("Test ADMIN")))
                .andExpect(content().string(Matchers.containsString("Création")))
                .andExpect(content().string(Matchers.containsString("FRANCE_TRAVAIL_AGENCY")));
        mvc.perform(get("/admin/audit").session(session).param("entityType", "USER")
                        .param("from", today.toString()))
                .andExpect(content().string(Matchers.not(Matchers.containsString(name))));
        mvc.perform(get("/admin/audit").session(session).param("from", today.plusDays(1).toString()))
                .andExpect(content().string(Matchers.containsString("Aucune modification ne correspond.")));
    }
}
