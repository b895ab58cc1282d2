package fr.passerelle.organisation;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Administration pages answer administrators only; the officer's registry answers Caf officers only. */
@IntegrationTest
class AdministrationAccessTest {

    static final List<String> ADMIN_PAGES = List.of("/admin/services", "/admin/services/home-care/new",
            "/admin/services/creches/new", "/admin/organisations", "/admin/organisations/new", "/admin/users",
            "/admin/users/new", "/admin/audit");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Test
    void administratorsOpenEveryAdministrationPageButNotTheOfficersRegistry() throws Exception {
        MockHttpSession admin = signIn(Role.ADMIN);
        for (String page : ADMIN_PAGES) {
            mvc.perform(get(page).session(admin)).andExpect(status().isOk());
        }
        mvc.perform(get("/officer/registry/services").session(admin)).andExpect(status().isForbidden());
    }

    @Test
    void everyOtherRoleGets403OnAdministrationPagesAndActions() throws Exception {
        for (Role role : List.of(Role.ADVISOR, Role.CAF_OFFICER, Role.PROVIDER)) {
            MockHttpSession session = signIn(role);
            for (String page : ADMIN_PAGES) {
                mvc.perform(get(page).session(session)).andExpect(status().isForbidden());
            }
            mvc.perform(post("/admin/users/new").session(session).with(csrf()).param("username", "intrus"))
                    .andExpect(status().isForbidden());
        }
    }

    @Test
    void onlyCafOfficersReadTheRegistryOfServices() throws Exception {
        mvc.perform(get("/officer/registry/services").session(signIn(Role.CAF_OFFICER))).andExpect(status().isOk());
        for (Role role : List.of(Role.ADVISOR, Role.PROVIDER)) {
            mvc.perform(get("/officer/registry/services").session(signIn(role))).andExpect(status().isForbidden());
        }
    }

    private MockHttpSession signIn(Role role) throws Exception {
        TestAccounts.Account account = accounts.create(role);
        return (MockHttpSession) mvc.perform(formLogin().user(account.username()).password(account.password()))
                .andReturn().getRequest().getSession();
    }
}
