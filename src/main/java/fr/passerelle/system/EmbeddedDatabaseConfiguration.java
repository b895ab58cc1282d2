package fr.passerelle.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts a real PostgreSQL server (binaries from Maven Central) for a local run, so that a newcomer needs nothing
 * but a JDK. It applies only when no {@code spring.datasource.url} is set; the production jar does not even contain
 * the embedded server, so it can never start there.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres")
@ConditionalOnBooleanProperty(name = "passerelle.embedded-database.enabled", matchIfMissing = true)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        Path dataDirectory = properties.dataDirectory().toAbsolutePath().normalize();
        Files.createDirectories(dataDirectory);
        stopOrphanedServer(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false);
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL started on port {} with its data in {}", postgres.getPort(), dataDirectory);
        return postgres;
    }

    /**
     * A previous run that was killed (not stopped) leaves its PostgreSQL running on the data directory, and a new
     * server could not start there. Such an orphan is asked to shut down; any other process is left alone, and so
     * is a server whose run is still alive (it holds the embedded server's lock file).
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        if (!Files.exists(dataDirectory.resolve("postgresql.conf"))) {
            // A new folder: nothing can run on it yet, and initdb needs it empty (no lock file of ours).
            return;
        }
        try (FileChannel lockFile = FileChannel.open(dataDirectory.resolve("epg-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("Another Passerelle run is using " + dataDirectory
                        + ": stop it, or give this one its own folder with PASSERELLE_EMBEDDED_DB_DIR");
            }
            stopServerOf(dataDirectory);
        }
    }

    private static void stopServerOf(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        if (!firstLine.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(firstLine))
                .filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false))
                .ifPresent(orphan -> {
                    log.warn("Stopping the PostgreSQL (pid {}) left running on {} by a previous run", orphan.pid(),
                            dataDirectory);
                    orphan.destroy();
                    try {
                        orphan.onExit().get(30, TimeUnit.SECONDS);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    catch (ExecutionException | TimeoutException ex) {
                        throw new IllegalStateException("The PostgreSQL left running on " + dataDirectory
                                + " did not stop; stop process " + orphan.pid() + " and start again", ex);
                    }
                });
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .build();
    }

    /** Matches when the user has not pointed the application at a database of their own. */
    static class NoDatasourceUrl implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
