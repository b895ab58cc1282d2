package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.MockMvcSessionIds;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Control characters in what a request sends (a NUL byte, which PostgreSQL refuses in text, and the others): a form
 * field holding one is refused with a French message next to it and keeps what was typed; filters, searches and
 * suggestions drop them; a search kept in the session never breaks its page; nothing answers 5xx.
 */
@IntegrationTest
class ControlCharactersTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SessionRepository<? extends Session> sessions;

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0007", "\u001b", "\u007f", "\u0085"})
    void aReferralFormWithAControlCharacterIsRefusedNextToTheFieldAndKeepsWhatWasTyped(String control)
            throws Exception {
        Account advisor = accounts.create(Role.ADVISOR);
        UUID token = UUID.randomUUID();

        String html = mvc.perform(post("/advisor/referrals/new").with(user(accounts.signedIn(advisor))).with(csrf())
                        .param("creationToken", token.toString())
                        .param("parentLastName", "Du" + control + "pont")
                        .param("parentFirstName", "Amélie")
                        .param("action", "save"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        Document page = Jsoup.parse(html);
        assertThat(page.getElementById("parentLastName").val()).isEqualTo("Dupont");
        assertThat(page.getElementById("parentFirstName").val()).isEqualTo("Amélie");
        assertThat(page.getElementById("parentLastName").attr("aria-describedby")).contains("parentLastName-error");
        assertThat(page.getElementById("parentLastName-error").text()).contains("caractère invisible non autorisé");
        assertThat(jdbc.sql("select count(*) from referral where creation_token = ?").param(token)
                .query(Long.class).single()).isZero();
    }

    /**
     * The database refusing a new referral for another reason than its creation token (here a constraint added for
     * the test) is not taken for a double submit answered "page not found": it goes on as the error it is.
     */
    @Test
    void onlyARealDuplicateCreationTokenCountsAsADoubleSubmit() {
        Account advisor = accounts.create(Role.ADVISOR);
        String refused = "Refusee-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("alter table referral add constraint test_refused_name check (parent_last_name <> '" + refused
                + "') not valid").update();
        try {
            Throwable failure = catchThrowable(() -> mvc.perform(post("/advisor/referrals/new")
                    .with(user(accounts.signedIn(advisor))).with(csrf())
                    .param("creationToken", UUID.randomUUID().toString())
                    .param("parentLastName", refused)
                    .param("parentFirstName", "Amélie")
                    .param("action", "save")));

            assertThat(failure).as("not answered 404 as a double submit").isNotNull();
            assertThat(Stream.iterate(failure, Objects::nonNull, Throwable::getCause))
                    .anyMatch(DataIntegrityViolationException.class::isInstance);
        }
        finally {
            jdbc.sql("alter table referral drop constraint test_refused_name").update();
        }
    }

    @Test
    void anAdministratorsFormWithANulByteIsRefusedNextToTheField() throws Exception {
        CurrentUser admin = accounts.signedIn(accounts.create(Role.ADMIN));
        String username = "nul-" + UUID.randomUUID().toString().substring(0, 8);

        String html = mvc.perform(post("/admin/users/new").with(user(admin)).with(csrf())
                        .param("username", username)
                        .param("displayName", "Jeanne\u0000 Martin")
                        .param("email", username + "@exemple.fr")
                        .param("role", "ADVISOR"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(Jsoup.parse(html).text()).contains("caractère invisible non autorisé");
        assertThat(jdbc.sql("select count(*) from user_account where username = ?").param(username)
                .query(Long.class).single()).isZero();
    }

    @Test
    void searchesDropControlCharactersAndAStoredSearchNeverBreaksTheList() throws Exception {
        CurrentUser advisor = accounts.signedIn(accounts.create(Role.ADVISOR));
        MockHttpSession session = new MockHttpSession();

        mvc.perform(post("/advisor/referrals/search").session(session).with(user(advisor)).with(csrf())
                        .param("q", "Du\u0000pont"))
                .andExpect(redirectedUrl("/advisor/referrals"));
        assertThat(stored(session).<String>getAttribute("referralSearch")).isEqualTo("Dupont");
        mvc.perform(get("/advisor/referrals").session(session).with(user(advisor))).andExpect(status().isOk());

        // A search kept in the session some other way (an older version of the application): the page still works.
        store(session, "referralSearch", "Du\u0000pont");
        mvc.perform(get("/advisor/referrals").session(session).with(user(advisor))).andExpect(status().isOk());

        CurrentUser admin = accounts.signedIn(accounts.create(Role.ADMIN));
        MockHttpSession adminSession = new MockHttpSession();
        mvc.perform(post("/admin/users/search").session(adminSession).with(user(admin)).with(csrf())
                        .param("q", "\u0000x"))
                .andExpect(redirectedUrl("/admin/users"));
        store(adminSession, "adminUserSearch", "\u0000");
        mvc.perform(get("/admin/users").session(adminSession).with(user(admin))).andExpect(status().isOk());
    }

    private Session stored(MockHttpSession session) {
        return sessions.findById(MockMvcSessionIds.storedId(session));
    }

    @SuppressWarnings("unchecked")
    private void store(MockHttpSession session, String name, String value) {
        Session stored = stored(session);
        stored.setAttribute(name, value);
        ((SessionRepository<Session>) (SessionRepository<?>) sessions).save(stored);
    }

    @Test
    void suggestionsAndListFiltersDropControlCharacters() throws Exception {
        CurrentUser admin = accounts.signedIn(accounts.create(Role.ADMIN));
        CurrentUser officer = accounts.signedIn(accounts.create(Role.CAF_OFFICER));

        // Suggestions are posted (names stay out of URLs), with the page's CSRF token.
        assertOk(post("/communes/suggestions").param("q", "ev\u0000ry").param("list", "commune-options").with(csrf()),
                admin);
        assertOk(post("/epcis/suggestions").param("q", "\u0000").param("list", "epci-options").with(csrf()), admin);
        assertOk(post("/admin/users/organisations/suggestions").param("q", "a\u0000b").with(csrf()), admin);
        assertOk(get("/admin/childminders").param("q", "Mar\u0000tin").param("commune", "\u0000"), admin);
        assertOk(get("/officer/registry/childminders").param("q", "\u0000"), officer);
    }

    @Test
    void aUsernameWithANulByteIsAWrongPasswordNotAnError() throws Exception {
        mvc.perform(formLogin().user("ad\u0000min").password("whatever"))
                .andExpect(redirectedUrl("/login?error"));
    }

    private void assertOk(MockHttpServletRequestBuilder request, CurrentUser user) throws Exception {
        mvc.perform(request.with(user(user))).andExpect(status().isOk());
    }
}
