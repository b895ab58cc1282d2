package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.support.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/** Two requests of one session adding the same attribute at once both succeed; the last one written stays. */
@IntegrationTest
class SessionAttributeUpsertsTest {

    @Autowired
    JdbcIndexedSessionRepository repository;

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void concurrentRequestsAddingTheSameAttributeDoNotFail() {
        SessionRepository<Session> sessions = (SessionRepository) repository;
        Session created = sessions.createSession();
        sessions.save(created);
        String id = created.getId();
        // As two requests that started together: each read the session before the other saved it.
        Session first = sessions.findById(id);
        Session second = sessions.findById(id);
        first.setAttribute("token", "first");
        second.setAttribute("token", "second");

        sessions.save(first);
        sessions.save(second);

        assertThat((String) sessions.findById(id).getAttribute("token")).isEqualTo("second");
        sessions.deleteById(id);
    }
}
