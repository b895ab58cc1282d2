package db.migration;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.zip.CRC32;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the French territory reference data (départements, EPCI, communes) shipped in
 * {@code src/main/resources/reference/territory/} into the tables of {@code V1__territory.sql}.
 *
 * <p>Why a class in package {@code db.migration} rather than a Spring {@code JavaMigration} bean: Flyway (12.4)
 * finds Java migrations itself in its default location {@code classpath:db/migration}, which is also
 * {@code spring.flyway.locations}, so every way of running Flyway (the application, a plain
 * {@code Flyway.configure()...migrate()} in a test, the Maven plugin) applies it with no extra wiring; a bean
 * would only be seen by Spring Boot's auto-configuration. The class name is Flyway's repeatable naming
 * ({@code R__} + description), hence the underscores.
 *
 * <p>Why repeatable, with a checksum computed from the CSV contents: regenerating the files
 * ({@code scripts/refresh-reference-data.sh}) changes the checksum, so Flyway runs the load again on the next
 * start, after all versioned migrations, in one transaction. Bump {@link #LOADER_VERSION} to force a re-run
 * when this class or {@code territory_search_name()} changes while the data does not.
 *
 * <p>Why an upsert and no delete: rows that disappear from a new file (merged communes, dissolved EPCI) may be
 * referenced by other tables; they are kept as they were. Unchanged rows are not rewritten.
 *
 * <p>Why COPY: rows go to temporary tables through PostgreSQL's own CSV reader, which also handles the RFC 4180
 * quoting, then one INSERT ... ON CONFLICT per table. The first load of about 35,000 communes takes about a second,
 * mostly foreign-key and index maintenance; a re-run with few changes about 0.4 s. It needs the PostgreSQL
 * driver's connection, reachable through {@code unwrap} from Hikari's.
 */
public class R__Territory_reference_data extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(R__Territory_reference_data.class);

    /** Classpath folder of the generated files. */
    static final String LOCATION = "reference/territory/";

    /** Mixed into the checksum: bump it to re-run the load when the loading logic changes but not the data. */
    private static final int LOADER_VERSION = 1;

    private record DataFile(String name, String header, String stagingTable, String stagingColumns, String upsert) {
    }

    // In foreign-key order.
    private static final List<DataFile> FILES = List.of(
            new DataFile("departements.csv", "code;name;region_code", "territory_departement_load",
                    "code varchar(3) not null, name text not null, region_code varchar(3) not null",
                    """
                    insert into departement (code, name, region_code)
                    select code, name, region_code from territory_departement_load
                    on conflict (code) do update
                        set name = excluded.name, region_code = excluded.region_code
                        where (departement.name, departement.region_code)
                              is distinct from (excluded.name, excluded.region_code)
                    """),
            new DataFile("epci.csv", "code;name;kind", "territory_epci_load",
                    "code varchar(9) not null, name text not null, kind varchar(10) not null",
                    """
                    insert into epci (code, name, kind)
                    select code, name, kind from territory_epci_load
                    on conflict (code) do update
                        set name = excluded.name, kind = excluded.kind
                        where (epci.name, epci.kind) is distinct from (excluded.name, excluded.kind)
                    """),
            new DataFile("communes.csv", "insee_code;name;departement_code;epci_code;postal_codes;population",
                    "territory_commune_load",
                    "insee_code varchar(5) not null, name text not null, departement_code varchar(3) not null,"
                            + " epci_code varchar(9), postal_codes text, population integer",
                    """
                    insert into commune (insee_code, name, search_name, departement_code, epci_code, postal_codes,
                                         population)
                    select insee_code, name, territory_search_name(name), departement_code, epci_code,
                           coalesce(string_to_array(postal_codes, ' '), '{}')::varchar(5)[], population
                    from territory_commune_load
                    on conflict (insee_code) do update
                        set name = excluded.name, search_name = excluded.search_name,
                            departement_code = excluded.departement_code, epci_code = excluded.epci_code,
                            postal_codes = excluded.postal_codes, population = excluded.population
                        where (commune.name, commune.search_name, commune.departement_code, commune.epci_code,
                               commune.postal_codes, commune.population)
                              is distinct from (excluded.name, excluded.search_name, excluded.departement_code,
                                                excluded.epci_code, excluded.postal_codes, excluded.population)
                    """));

    private Integer checksum;

    @Override
    public Integer getChecksum() {
        if (checksum == null) {
            CRC32 crc = new CRC32();
            crc.update(LOADER_VERSION);
            byte[] buffer = new byte[64 * 1024];
            for (DataFile file : FILES) {
                crc.update(file.name().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = open(file.name())) {
                    for (int read; (read = in.read(buffer)) != -1; ) {
                        crc.update(buffer, 0, read);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + LOCATION + file.name(), e);
                }
            }
            checksum = (int) crc.getValue();
        }
        return checksum;
    }

    @Override
    public void migrate(Context context) throws Exception {
        long start = System.nanoTime();
        Connection connection = context.getConnection();
        CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder summary = new StringBuilder();
        try (Statement statement = connection.createStatement()) {
            for (DataFile file : FILES) {
                // Dropped explicitly rather than "on commit drop": the load must also work without a transaction.
                statement.execute("drop table if exists " + file.stagingTable());
                statement.execute("create temporary table " + file.stagingTable() + " (" + file.stagingColumns() + ")");
                long rows;
                try (InputStream in = open(file.name())) {
                    checkHeader(file, in);
                    rows = copyManager.copyIn("copy " + file.stagingTable()
                            + " from stdin with (format csv, delimiter ';', encoding 'UTF8')", in);
                }
                int changed = statement.executeUpdate(file.upsert());
                statement.execute("drop table " + file.stagingTable());
                summary.append(String.format(" %s: %d rows, %d new or changed;", file.name(), rows, changed));
            }
        } catch (SQLException e) {
            throw new SQLException("Loading " + LOCATION + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
        log.info("Territory reference data loaded in {} ms:{}", (System.nanoTime() - start) / 1_000_000, summary);
    }

    /** Consumes the header line, so that a column order change in the generator cannot load silently. */
    private static void checkHeader(DataFile file, InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b == -1) {
                break;
            }
            line.write(b);
        }
        String header = line.toString(StandardCharsets.UTF_8).strip();
        if (!header.equals(file.header())) {
            throw new IllegalStateException(LOCATION + file.name() + " starts with \"" + header + "\", expected \""
                    + file.header() + "\": regenerate it with scripts/refresh-reference-data.sh");
        }
    }

    private static InputStream open(String name) {
        InputStream in = R__Territory_reference_data.class.getClassLoader().getResourceAsStream(LOCATION + name);
        if (in == null) {
            throw new IllegalStateException("Missing classpath resource " + LOCATION + name);
        }
        return new BufferedInputStream(in, 64 * 1024);
    }
}
