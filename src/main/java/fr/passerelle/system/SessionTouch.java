package fr.passerelle.system;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * A session's row is written again only when something of it changed (its id, timeout or principal) or its last access
 * is older than {@code passerelle.session.touch-interval}, rather than at every request: Spring Session JDBC moves
 * the last access time, hence the row and its expiry index, at each request, which was a write and a WAL flush for
 * every page read. Its attributes are written by their own statements as before. The cost: a session can end up to
 * that interval before its timeout after the user's last request.
 */
@Configuration(proxyBeanMethods = false)
class SessionTouch {

    /**
     * Spring Session's update of the session's row, with the same six parameters in the same order, made
     * conditional: the values are given once in a {@code values} list and compared with the row's.
     */
    static String updateQuery(Duration touchInterval) {
        return """
                with v (session_id, last_access_time, max_inactive_interval, expiry_time, principal_name, primary_id)
                    as (values (cast(? as char(36)), cast(? as bigint), cast(? as int), cast(? as bigint),
                                cast(? as varchar(100)), cast(? as char(36))))
                update %%TABLE_NAME%% s
                set session_id = v.session_id, last_access_time = v.last_access_time,
                    max_inactive_interval = v.max_inactive_interval, expiry_time = v.expiry_time,
                    principal_name = v.principal_name
                from v
                where s.primary_id = v.primary_id
                  and (s.session_id <> v.session_id
                       or s.max_inactive_interval <> v.max_inactive_interval
                       or s.principal_name is distinct from v.principal_name
                       or v.last_access_time - s.last_access_time >= %d)""".formatted(touchInterval.toMillis());
    }

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionTouchCustomizer(
            @Value("${passerelle.session.touch-interval:PT1M}") Duration touchInterval) {
        return repository -> repository.setUpdateSessionQuery(updateQuery(touchInterval));
    }
}
