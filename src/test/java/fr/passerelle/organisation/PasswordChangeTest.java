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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

@IntegrationTest
class PasswordChangeTest {

    private static final String NEW_PASSWORD = "un cheval bleu galope";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    UserAccountRepository users;

    @Autowired
    OrganisationRepository organisations;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    JdbcClient jdbc;

    @Test
    void temporaryPasswordLeadsToThePasswordPageUntilChanged() throws Exception {
        Account account = accounts.createWithTemporaryPassword(Role.ADVISOR);
        MockHttpSession session = signIn(account);

        mvc.perform(get("/advisor").session(session)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/account/password").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("mot de passe temporaire")));

        mvc.perform(post("/account/password").session(session).with(csrf())
                        .param("currentPassword", account.password())
                        .param("newPassword", NEW_PASSWORD)
                        .param("confirmation", NEW_PASSWORD))
                .andExpect(redirectedUrl("/advisor"))
                .andExpect(flash().attribute("flash", "account.password.changed"));

        mvc.perform(get("/advisor").session(session)).andExpect(status().isOk());
        UserAccount saved = users.findById(account.user().getId()).orElseThrow();
        assertThat(saved.isPasswordChangeRequired()).isFalse();
        assertThat(passwordEncoder.matches(NEW_PASSWORD, saved.getPasswordHash())).isTrue();
    }

    @Test
    void eachMistakeIsShownNextToItsFieldAndNothingIsSaved() throws Exception {
        Account account = accounts.create(Role.PROVIDER);
        MockHttpSession session = signIn(account);

        mvc.perform(post("/account/password").session(session).with(csrf())
                        .param("currentPassword", "not-the-password")
                        .param("newPassword", NEW_PASSWORD)
                        .param("confirmation", NEW_PASSWORD))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "currentPassword", "account.password.wrong-current"))
                .andExpect(content().string(Matchers.containsString("aria-describedby=\"currentPassword-error\"")))
                .andExpect(content().string(Matchers.containsString("Le mot de passe actuel est incorrect.")));
        mvc.perform(post("/account/password").session(session).with(csrf())
                        .param("currentPassword", account.password())
                        .param("newPassword", "court")
                        .param("confirmation", "court"))
                .andExpect(model().attributeHasFieldErrorCode("form", "newPassword", "Size"))
                .andExpect(content().string(Matchers.containsString("entre 12 et 72 caractères")));
        mvc.perform(post("/account/password").session(session).with(csrf())
                        .param("currentPassword", account.password())
                        .param("newPassword", NEW_PASSWORD)
                        .param("confirmation", NEW_PASSWORD + "!"))
                .andExpect(model().attributeHasFieldErrorCode("form", "confirmation", "account.password.mismatch"))
                .andExpect(content().string(Matchers.not(Matchers.containsString(NEW_PASSWORD))));

        String accented = "é".repeat(40);
        mvc.perform(post("/account/password").session(session).with(csrf())
                        .param("currentPassword", account.password())
                        .param("newPassword", accented)
                        .param("confirmation", accented))
                .andExpect(model().attributeHasFieldErrorCode("form", "newPassword", "account.password.too-long"))
                .andExpect(content().string(Matchers.containsString("72 octets au plus")));

        UserAccount saved = users.findById(account.user().getId()).orElseThrow();
        assertThat(passwordEncoder.matches(account.password(), saved.getPasswordHash())).isTrue();
    }

    @Test
    @Transactional
    void bootstrapCreatesTheFirstAdministratorOnlyWhenNoneCanSignIn() {
        jdbc.sql("update user_account set enabled = false where role = 'ADMIN'").update();
        String username = "first-admin-" + System.nanoTime();
        BootstrapAdmin bootstrap = new BootstrapAdmin(
                new BootstrapAdminProperties(username, "temporary-password", "91", " first.admin@example.org "),
                organisations, users,
                passwordEncoder);

        bootstrap.run(new DefaultApplicationArguments());
        bootstrap.run(new DefaultApplicationArguments());

        UserAccount admin = users.findWithOrganisationByUsername(username).orElseThrow();
        assertThat(admin.getRole()).isEqualTo(Role.ADMIN);
        assertThat(admin.isPasswordChangeRequired()).isTrue();
        assertThat(admin.getEmail()).isEqualTo("first.admin@example.org");
        assertThat(admin.getOrganisation().getKind()).isEqualTo(OrganisationKind.ADMINISTRATION);
        assertThat(jdbc.sql("select count(*) from user_account where role = 'ADMIN' and enabled")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @Transactional
    void bootstrapDoesNothingWithoutAConfiguredPassword() {
        jdbc.sql("update user_account set enabled = false where role = 'ADMIN'").update();
        new BootstrapAdmin(new BootstrapAdminProperties("nobody-" + System.nanoTime(), "", "91", ""), organisations,
                users, passwordEncoder).run(new DefaultApplicationArguments());

        assertThat(users.existsByRoleAndEnabledTrue(Role.ADMIN)).isFalse();
    }

    private MockHttpSession signIn(Account account) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin().user(account.username()).password(account.password()))
                .andReturn().getRequest().getSession();
    }
}
