package fr.passerelle.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * A session's new attribute is inserted or, when a concurrent request of the same session inserted it first, updated:
 * the first pages after signing in each make a CSRF token, and requests of one session at once (several tabs, a burst
 * of clicks) each inserted the attribute, all but the first failing on its key with a server error (seen: 31 of 32
 * concurrent first requests). Spring Session's own PostgreSQL form of the insert ({@code on conflict … do update}).
 */
@Configuration(proxyBeanMethods = false)
class SessionAttributeUpserts {

    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgreSqlSessionQueries() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }
}
