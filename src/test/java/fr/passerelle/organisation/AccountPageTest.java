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

import java.util.List;

import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class AccountPageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    UserAccountRepository users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theAccountPageShowsTheAddressTheLanguageAndTheNotificationsOneMaySwitchOff() throws Exception {
        Account officer = accounts.create(Role.CAF_OFFICER);
        Account advisor = accounts.create(Role.ADVISOR);

        mvc.perform(get("/account").session(signIn(officer)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("href=\"/account\"")))
                .andExpect(content().string(Matchers.containsString("value=\"" + officer.user().getEmail() + "\"")))
                .andExpect(content().string(Matchers.containsString("Recevoir le récapitulatif quotidien")))
                .andExpect(content().string(Matchers.containsString("Recevoir les rappels")))
                .andExpect(content().string(Matchers.containsString(
                        "Les propositions d’accueil aux prestataires et les décisions sont toujours envoyées")));
        mvc.perform(get("/account").session(signIn(advisor)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Recevoir les rappels")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("récapitulatif quotidien"))));
        mvc.perform(get("/account/password").session(signIn(advisor))).andExpect(status().isOk());
    }

    @Test
    void anOfficerSavesTheAddressTheLanguageAndSwitchesOffTheDigestAndTheReminders() throws Exception {
        Account officer = accounts.create(Role.CAF_OFFICER);

        mvc.perform(post("/account").session(signIn(officer)).with(csrf())
                        .param("email", " camille.agent@caf91.fr ").param("locale", "en")
                        .param("_digestEnabled", "on").param("_remindersEnabled", "on")
                        .param("version", String.valueOf(version(officer))))
                .andExpect(redirectedUrl("/account"))
                .andExpect(flash().attribute("flash", "account.flash.updated"));

        UserAccount saved = users.findById(officer.user().getId()).orElseThrow();
        assertThat(saved.getEmail()).isEqualTo("camille.agent@caf91.fr");
        assertThat(saved.getLocale()).isEqualTo("en");
        assertThat(saved.isDigestEnabled()).isFalse();
        assertThat(saved.isRemindersEnabled()).isFalse();
        assertThat(audit(officer)).singleElement().asString()
                .startsWith("UPDATED by " + officer.user().getId())
                .contains("email " + officer.user().getEmail() + " → camille.agent@caf91.fr", "locale fr → en",
                        "digestEnabled true → false", "remindersEnabled true → false");

        mvc.perform(post("/account").session(signIn(officer)).with(csrf())
                        .param("email", "camille.agent@caf91.fr").param("locale", "en")
                        .param("digestEnabled", "true").param("_digestEnabled", "on")
                        .param("remindersEnabled", "true").param("_remindersEnabled", "on")
                        .param("version", String.valueOf(version(officer))))
                .andExpect(redirectedUrl("/account"));
        saved = users.findById(officer.user().getId()).orElseThrow();
        assertThat(saved.isDigestEnabled()).isTrue();
        assertThat(saved.isRemindersEnabled()).isTrue();
    }

    @Test
    void theDigestIsLeftAsItIsForThoseWhoDoNotReceiveIt() throws Exception {
        Account provider = accounts.create(Role.PROVIDER);

        mvc.perform(post("/account").session(signIn(provider)).with(csrf())
                        .param("email", provider.user().getEmail()).param("locale", "fr")
                        .param("remindersEnabled", "true").param("_remindersEnabled", "on")
                        .param("version", String.valueOf(version(provider))))
                .andExpect(redirectedUrl("/account"));

        assertThat(users.findById(provider.user().getId()).orElseThrow().isDigestEnabled()).isTrue();
        assertThat(audit(provider)).isEmpty();
    }

    @Test
    void aBadOrMissingAddressIsSaidNextToTheFieldAndNothingIsSaved() throws Exception {
        Account advisor = accounts.create(Role.ADVISOR);
        MockHttpSession session = signIn(advisor);

        mvc.perform(post("/account").session(session).with(csrf())
                        .param("email", "karim@francetravail").param("locale", "en")
                        .param("_remindersEnabled", "on").param("version", String.valueOf(version(advisor))))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("accountForm", "email", "ValidEmail"))
                .andExpect(content().string(Matchers.containsString(
                        "Cette adresse e-mail n’est pas valide : elle s’écrit nom@domaine.fr, sans espace.")))
                .andExpect(content().string(Matchers.containsString("aria-describedby=\"email-hint email-error\"")))
                .andExpect(content().string(Matchers.containsString("id=\"error-summary\"")))
                .andExpect(content().string(Matchers.containsString("value=\"karim@francetravail\"")));
        mvc.perform(post("/account").session(session).with(csrf())
                        .param("email", "").param("locale", "de")
                        .param("_remindersEnabled", "on").param("version", String.valueOf(version(advisor))))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("accountForm", "email", "NotBlank"))
                .andExpect(model().attributeHasFieldErrorCode("accountForm", "locale", "Pattern"))
                .andExpect(content().string(Matchers.containsString("Indiquez votre adresse e-mail.")));

        UserAccount saved = users.findById(advisor.user().getId()).orElseThrow();
        assertThat(saved.getEmail()).isEqualTo(advisor.user().getEmail());
        assertThat(saved.getLocale()).isEqualTo("fr");
        assertThat(saved.isRemindersEnabled()).isTrue();
        assertThat(audit(advisor)).isEmpty();
    }

    @Test
    void thePageOnlyEverChangesTheSignedInAccount() throws Exception {
        Account someone = accounts.create(Role.ADVISOR);
        Account other = accounts.create(Role.ADVISOR);

        mvc.perform(post("/account").session(signIn(other)).with(csrf())
                        .param("id", someone.user().getId().toString())
                        .param("userId", someone.user().getId().toString())
                        .param("email", "intrus@example.org").param("locale", "en")
                        .param("_remindersEnabled", "on").param("version", String.valueOf(version(someone))))
                .andExpect(redirectedUrl("/account"));

        UserAccount untouched = users.findById(someone.user().getId()).orElseThrow();
        assertThat(untouched.getEmail()).isEqualTo(someone.user().getEmail());
        assertThat(untouched.getLocale()).isEqualTo("fr");
        assertThat(untouched.isRemindersEnabled()).isTrue();
        assertThat(users.findById(other.user().getId()).orElseThrow().getEmail()).isEqualTo("intrus@example.org");
        mvc.perform(post("/account").with(csrf()).param("email", "anonyme@example.org").param("locale", "fr"))
                .andExpect(redirectedUrl("/login"));
        mvc.perform(post("/account").session(signIn(someone)).param("email", "sans-jeton@example.org")
                        .param("locale", "fr").param("version", String.valueOf(version(someone))))
                .andExpect(status().isForbidden());
        assertThat(users.findById(someone.user().getId()).orElseThrow().getEmail())
                .isEqualTo(someone.user().getEmail());
    }

    @Test
    void aStaleVersionIsRefusedAndKeepsWhatWasTyped() throws Exception {
        Account advisor = accounts.create(Role.ADVISOR);

        mvc.perform(post("/account").session(signIn(advisor)).with(csrf())
                        .param("email", "nouvelle@example.org").param("locale", "fr")
                        .param("_remindersEnabled", "on").param("version", String.valueOf(version(advisor) - 1)))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasErrors("accountForm"))
                .andExpect(content().string(Matchers.containsString("Votre compte a été modifié entre-temps")))
                .andExpect(content().string(Matchers.containsString("value=\"nouvelle@example.org\"")));
        assertThat(users.findById(advisor.user().getId()).orElseThrow().getEmail())
                .isEqualTo(advisor.user().getEmail());
    }

    @Test
    void someoneWhoMustChooseAPasswordIsSentToThePasswordPageFirst() throws Exception {
        Account account = accounts.createWithTemporaryPassword(Role.ADVISOR);

        mvc.perform(get("/account").session(signIn(account))).andExpect(redirectedUrl("/account/password"));
    }

    private long version(Account account) {
        return users.findById(account.user().getId()).orElseThrow().getVersion();
    }

    private List<String> audit(Account account) {
        return jdbc.sql("""
                select a.action || ' by ' || a.actor_id || ': ' || coalesce((
                    select string_agg((c ->> 'field') || ' ' || coalesce(c ->> 'before', '∅') || ' → '
                                      || coalesce(c ->> 'after', '∅'), '; ' order by n)
                    from jsonb_array_elements(a.changes) with ordinality as t(c, n)), '')
                from audit_entry a where a.entity_type = 'USER' and a.entity_id = ? order by a.id""")
                .param(account.user().getId()).query(String.class).list();
    }

    private MockHttpSession signIn(Account account) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin().user(account.username()).password(account.password()))
                .andReturn().getRequest().getSession();
    }
}
