package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.support.IntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** With a datasource URL configured, that server is used and no embedded one starts. */
@IntegrationTest
class ConfiguredDatabaseTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void noEmbeddedServerStartsWhenADatasourceUrlIsSet() {
        assertThat(context.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
    }

    @Test
    void flywayOwnsTheSchema() {
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Long.class).single())
                .isGreaterThanOrEqualTo(4);
        assertThat(jdbc.sql("select current_setting('server_version_num')::int / 10000").query(Integer.class).single())
                .as("same PostgreSQL major version as production").isEqualTo(17);
    }
}
