package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import fr.passerelle.PasserelleApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The local run: without a datasource URL the application starts its own PostgreSQL, whose data outlives a restart. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDirectory;

    @Test
    void dataSurvivesARestart() {
        try (ConfigurableApplicationContext first = start()) {
            assertThat(first.getBean(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class)).isNotNull();
            first.getBean(JdbcClient.class)
                    .sql("insert into organisation (kind, name, departement_code) values ('CAF', 'Caf survivante', '91')")
                    .update();
        }

        assertThat(dataDirectory.resolve("PG_VERSION")).exists();
        try (ConfigurableApplicationContext second = start()) {
            assertThat(second.getBean(JdbcClient.class)
                    .sql("select count(*) from organisation where name = 'Caf survivante'")
                    .query(Long.class).single()).isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start() {
        // Command-line arguments, as they must win over application.yml.
        return new SpringApplicationBuilder(PasserelleApplication.class)
                .run("--server.port=0", "--passerelle.embedded-database.data-directory=" + dataDirectory);
    }
}
