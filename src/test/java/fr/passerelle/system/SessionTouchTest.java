package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import fr.passerelle.support.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

@IntegrationTest
class SessionTouchTest {

    @Autowired
    JdbcIndexedSessionRepository repository;

    /** The repository through its public interface (its session class is not public). */
    SessionRepository<Session> sessions;

    @Autowired
    JdbcClient jdbc;

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aSessionsRowIsWrittenAgainOnlyWhenItChangedOrItsLastAccessIsAMinuteOld() {
        sessions = (SessionRepository) repository;
        Session created = sessions.createSession();
        Instant start = Instant.now();
        created.setLastAccessedTime(start);
        sessions.save(created);
        String id = created.getId();

        touch(id, start.plusSeconds(20));
        assertThat(storedLastAccess(id)).as("20 s later: row left as it was").isEqualTo(start.toEpochMilli());

        Session read = sessions.findById(id);
        read.setLastAccessedTime(start.plusSeconds(30));
        read.setAttribute("benchmark", "value");
        sessions.save(read);
        assertThat((String) sessions.findById(id).getAttribute("benchmark"))
                .as("an attribute is written whatever the interval").isEqualTo("value");

        read = sessions.findById(id);
        read.setLastAccessedTime(start.plusSeconds(40));
        read.setMaxInactiveInterval(Duration.ofMinutes(5));
        sessions.save(read);
        assertThat(storedLastAccess(id)).as("timeout changed: row written").isEqualTo(start.plusSeconds(40).toEpochMilli());

        touch(id, start.plusSeconds(101));
        assertThat(storedLastAccess(id)).as("61 s after the last write: row written")
                .isEqualTo(start.plusSeconds(101).toEpochMilli());
        assertThat(jdbc.sql("select expiry_time from spring_session where primary_id = ?")
                .param(primaryId(id)).query(Long.class).single())
                .isEqualTo(start.plusSeconds(101).plus(Duration.ofMinutes(5)).toEpochMilli());

        Session renamed = sessions.findById(id);
        String oldId = renamed.getId();
        String newId = renamed.changeSessionId();
        sessions.save(renamed);
        assertThat(sessions.findById(oldId)).isNull();
        assertThat(sessions.findById(newId)).as("a new id is written at once").isNotNull();
        sessions.deleteById(newId);
    }

    private void touch(String id, Instant at) {
        Session session = sessions.findById(id);
        session.setLastAccessedTime(at);
        sessions.save(session);
    }

    private long storedLastAccess(String id) {
        return jdbc.sql("select last_access_time from spring_session where session_id = ?").param(id)
                .query(Long.class).single();
    }

    private String primaryId(String id) {
        return jdbc.sql("select primary_id from spring_session where session_id = ?").param(id)
                .query(String.class).single();
    }
}
