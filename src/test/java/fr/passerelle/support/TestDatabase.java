package fr.passerelle.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL server every integration test runs against, started once per test JVM. In order of preference:
 * <ol>
 *     <li>{@code TEST_DATABASE_URL} (+ {@code TEST_DATABASE_USERNAME}, {@code TEST_DATABASE_PASSWORD}): an existing
 *     server;</li>
 *     <li>a Testcontainers PostgreSQL when a Docker engine answers;</li>
 *     <li>otherwise an embedded PostgreSQL (real binaries from Maven Central) in a throw-away directory.</li>
 * </ol>
 * All use PostgreSQL 17, as the application does. Tests never rely on each other's data: each creates what it needs
 * with unique names.
 */
public final class TestDatabase {

    /** The image of the same major version as the embedded binaries and {@code docker-compose.yml}. */
    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

    /** How to reach the server. */
    public record Connection(String url, String username, String password) {
    }

    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$");

    private static Connection connection;

    private TestDatabase() {
    }

    public static synchronized Connection connection() {
        if (connection == null) {
            connection = start();
        }
        return connection;
    }

    /**
     * A new, empty database on the same server, for a test that must own its schema history (for example one that
     * runs Flyway by hand). Drop it with {@link #dropDatabase(String)}.
     */
    public static Connection newDatabase(String name) {
        execute("drop database if exists " + name + " with (force)");
        execute("create database " + name + " encoding 'UTF8' template template0");
        Connection server = connection();
        Matcher url = JDBC_URL.matcher(server.url());
        if (!url.matches()) {
            throw new IllegalStateException("Not a PostgreSQL JDBC URL: " + server.url());
        }
        return new Connection(url.group(1) + name + url.group(3), server.username(), server.password());
    }

    public static void dropDatabase(String name) {
        execute("drop database if exists " + name + " with (force)");
    }

    private static void execute(String sql) {
        Connection server = connection();
        try (java.sql.Connection jdbc = DriverManager.getConnection(server.url(), server.username(), server.password());
             Statement statement = jdbc.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not run: " + sql, ex);
        }
    }

    private static Connection start() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            log.info("Tests use the database given by TEST_DATABASE_URL");
            return new Connection(url, env("TEST_DATABASE_USERNAME", "postgres"), env("TEST_DATABASE_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
            container.start();
            log.info("Tests use a Testcontainers PostgreSQL");
            return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        return startEmbedded();
    }

    private static Connection startEmbedded() {
        try {
            Path dataDirectory = Files.createTempDirectory("passerelle-test-pg");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    // Durability is of no use to a throw-away test database; speed is.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                }
                catch (IOException ex) {
                    log.warn("Could not stop the embedded test database", ex);
                }
            }));
            log.info("Tests use an embedded PostgreSQL on port {} (no Docker engine found)", postgres.getPort());
            return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the embedded test database", ex);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
