package fr.passerelle.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The PostgreSQL server started for a local run when no datasource URL is configured.
 *
 * @param enabled       whether it may start at all (the production image turns it off)
 * @param dataDirectory where its data lives; kept across restarts
 * @param port          its port; 0 picks a free one
 */
@ConfigurationProperties("passerelle.embedded-database")
public record EmbeddedDatabaseProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue(".passerelle/pgdata") Path dataDirectory,
        @DefaultValue("0") int port) {
}
