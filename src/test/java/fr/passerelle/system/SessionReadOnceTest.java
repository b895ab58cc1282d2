package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import fr.passerelle.organisation.Role;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.web.servlet.MockMvc;

/** A request reads its session from the store once, not again after saving it; outside a request, every read does. */
@IntegrationTest
class SessionReadOnceTest {

    @Autowired
    JdbcIndexedSessionRepository repository;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    SqlStatementCounter statements;

    @Test
    void aSignedInRequestReadsItsSessionOnceAndSavesIt() throws Exception {
        Account account = accounts.create(Role.ADVISOR);
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).with(csrf())
                        .param("username", account.username()).param("password", account.password()))
                .andExpect(redirectedUrl("/advisor"));

        // The first page after signing in stores a new CSRF token in the session: an attribute written.
        mvc.perform(get("/account/password").session(session)).andExpect(status().isOk());

        long sessionStatements = statements.countSessionStore(() -> mvc.perform(get("/account/password")
                .session(session)).andExpect(status().isOk()));

        // One read when the request starts, one conditional update of the row when it ends (system.SessionTouch).
        assertThat(sessionStatements).isEqualTo(2);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void withinARequestTheSessionJustSavedAnswersTheReadThatFollows() throws Exception {
        SessionRepository<Session> sessions = (SessionRepository) repository;
        Session created = sessions.createSession();
        created.setAttribute("step", "one");
        sessions.save(created);
        String id = created.getId();
        List<Object> seen = new ArrayList<>();

        SessionReadOnce.filter().doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
                new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                    @Override
                    protected void service(jakarta.servlet.http.HttpServletRequest request,
                            jakarta.servlet.http.HttpServletResponse response) {
                        Session read = sessions.findById(id);
                        seen.add(read);
                        read.setAttribute("step", "two");
                        read.setLastAccessedTime(Instant.now());
                        sessions.save(read);
                        seen.add(sessions.findById(id));
                        seen.add(sessions.findById("another-id"));
                    }
                }));

        assertThat(seen.get(0)).as("read from the store when the request starts").isNotSameAs(created);
        assertThat(seen.get(1)).as("after the save, the session just saved").isSameAs(seen.get(0));
        assertThat(seen.get(2)).as("another id goes to the store").isNull();
        Session after = sessions.findById(id);
        assertThat(after).as("once the request is over, read from the store").isNotSameAs(seen.get(0));
        assertThat((String) after.getAttribute("step")).isEqualTo("two");
        sessions.deleteById(id);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void outsideARequestEveryReadGoesToTheStore() {
        SessionRepository<Session> sessions = (SessionRepository) repository;
        Session created = sessions.createSession();
        sessions.save(created);

        Session read = sessions.findById(created.getId());

        assertThat(read).isNotNull().isNotSameAs(created);
        sessions.deleteById(created.getId());
    }
}
