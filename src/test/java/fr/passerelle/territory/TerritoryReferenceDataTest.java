package fr.passerelle.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import db.migration.R__Territory_reference_data;
import fr.passerelle.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The territory schema (V1__territory.sql) and its reference data load (db.migration.R__Territory_reference_data),
 * run through plain Flyway against a real PostgreSQL.
 */
// It owns a database of its own on the shared test server: it rewrites flyway_schema_history to simulate a refresh.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TerritoryReferenceDataTest {

    private static final String DATABASE = "passerelle_territory_test";
    private static final String LOADER_SCRIPT = R__Territory_reference_data.class.getName();

    private Flyway flyway;
    private Connection connection;
    private TestDatabase.Connection database;

    @BeforeAll
    void migrateAFreshDatabase() throws SQLException {
        database = TestDatabase.newDatabase(DATABASE);
        flyway = Flyway.configure().dataSource(database.url(), database.username(), database.password()).load();

        long start = System.nanoTime();
        MigrateResult result = flyway.migrate();
        long totalMillis = (System.nanoTime() - start) / 1_000_000;

        connection = DriverManager.getConnection(database.url(), database.username(), database.password());
        System.out.printf("Territory: first migrate (%d migrations) took %d ms, of which the reference data load %d ms%n",
                result.migrationsExecuted, totalMillis, loaderExecutionTimes().get(0));
        assertThat(result.success).isTrue();
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        TestDatabase.dropDatabase(DATABASE);
    }

    @Test
    @Order(1)
    void loadsEveryRowOfTheShippedFiles() throws Exception {
        assertThat(count("select count(*) from departement")).isEqualTo(dataLines("departements.csv"));
        assertThat(count("select count(*) from epci")).isEqualTo(dataLines("epci.csv"));
        assertThat(count("select count(*) from commune")).isEqualTo(dataLines("communes.csv"));
        assertThat(count("select count(*) from commune where epci_code is not null"))
                .as("almost every commune is in an EPCI").isGreaterThan(34_000);
    }

    @Test
    @Order(2)
    void findsEvryCourcouronnesByNamePrefixAndPostalCode() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select insee_code, name, departement_code, postal_codes, epci_code from commune
                where search_name like ? || '%'""")) {
            query.setString(1, "evry courc");
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("insee_code")).isEqualTo("91228");
                assertThat(row.getString("name")).isEqualTo("Évry-Courcouronnes");
                assertThat(row.getString("departement_code")).isEqualTo("91");
                assertThat(strings(row.getArray("postal_codes"))).contains("91000");
                assertThat(row.getString("epci_code")).isNotNull();
                assertThat(row.next()).isFalse();
            }
        }
        assertThat(strings("select insee_code from commune where postal_codes @> array['91000']::varchar[]"))
                .containsExactly("91228");
        assertThat(strings("select e.name from commune c join epci e on e.code = c.epci_code where c.insee_code = '91228'"))
                .containsExactly("CA Grand Paris Sud Seine Essonne Sénart");
    }

    @Test
    @Order(3)
    void essonneHas194Communes() throws SQLException {
        assertThat(strings("select name from departement where code = '91'")).containsExactly("Essonne");
        assertThat(count("select count(*) from commune where departement_code = '91'")).isEqualTo(194);
    }

    @Test
    @Order(4)
    void keepsCorsicanAndOverseasCodes() throws SQLException {
        assertThat(strings("select name || ' ' || departement_code from commune where insee_code = '2A004'"))
                .containsExactly("Ajaccio 2A");
        assertThat(strings("select name || ' ' || departement_code from commune where insee_code = '97101'"))
                .containsExactly("Les Abymes 971");
        // TAAF districts: no postal code, no population.
        assertThat(strings("""
                select cardinality(postal_codes) || ' ' || coalesce(population::text, 'null')
                from commune where insee_code = '98411'""")).containsExactly("0 null");
    }

    @Test
    @Order(5)
    void normalisesSearchNamesAndReadsQuotedFields() throws SQLException {
        assertThat(strings("select search_name from commune where insee_code in ('94038', '01001') order by 1"))
                .containsExactly("l abergement clemenciat", "l hay les roses");
        assertThat(count("select count(*) from commune where search_name !~ '^[a-z0-9]+( [a-z0-9]+)*$'")).isZero();
        assertThat(strings("select name from epci where code = '200036473'"))
                .containsExactly("CA \"Saintes - Grandes Rives - L'Agglo\"");
    }

    @Test
    @Order(6)
    void recordsTheChecksumOfTheDataFiles() throws SQLException {
        assertThat(strings("select checksum::text from flyway_schema_history where script = '" + LOADER_SCRIPT + "'"))
                .containsExactly(String.valueOf(new R__Territory_reference_data().getChecksum()));
    }

    @Test
    @Order(7)
    void migratingAgainDoesNothing() throws SQLException {
        MigrateResult again = flyway.migrate();

        assertThat(again.migrationsExecuted).isZero();
        assertThat(loaderExecutionTimes()).hasSize(1);
    }

    @Test
    @Order(8)
    void newDataFilesReRunTheLoadWhichUpdatesButNeverDeletes() throws SQLException {
        // What a refresh looks like to Flyway: the recorded checksum no longer matches the files.
        execute("update flyway_schema_history set checksum = checksum + 1 where script = '" + LOADER_SCRIPT + "'");
        execute("update commune set name = 'Evry', search_name = 'evry', postal_codes = '{}' where insee_code = '91228'");
        // A commune that is no longer in the files, as after a merger.
        execute("""
                insert into commune (insee_code, name, search_name, departement_code, postal_codes)
                values ('91999', 'Ancienne commune', 'ancienne commune', '91', '{91999}')""");

        long start = System.nanoTime();
        MigrateResult rerun = flyway.migrate();
        System.out.printf("Territory: reload of unchanged data took %d ms%n", (System.nanoTime() - start) / 1_000_000);

        assertThat(rerun.migrationsExecuted).isEqualTo(1);
        assertThat(strings("select name || ' ' || search_name || ' ' || array_to_string(postal_codes, ',')"
                + " from commune where insee_code = '91228'"))
                .containsExactly("Évry-Courcouronnes evry courcouronnes 91000,91080");
        assertThat(strings("select name from commune where insee_code = '91999'")).containsExactly("Ancienne commune");
        assertThat(flyway.migrate().migrationsExecuted).isZero();
    }

    @Test
    @Order(9)
    void rejectsCodesThatAreNotInseeCodes() {
        for (String code : List.of("20004", "00123", "96001", "2C001", "9101")) {
            assertThatThrownBy(() -> execute(
                            "insert into commune (insee_code, name, search_name, departement_code, postal_codes)"
                                    + " values ('" + code + "', 'x', 'x', '91', '{}')"))
                    .as(code).isInstanceOf(SQLException.class).hasMessageContaining("commune_insee_code_check");
        }
    }

    private List<Integer> loaderExecutionTimes() throws SQLException {
        List<Integer> times = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select execution_time from flyway_schema_history where script = '"
                     + LOADER_SCRIPT + "' order by installed_rank")) {
            while (row.next()) {
                times.add(row.getInt(1));
            }
        }
        return times;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            while (row.next()) {
                values.add(row.getString(1));
            }
        }
        return values;
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static long dataLines(String file) throws IOException {
        try (InputStream in = TerritoryReferenceDataTest.class.getClassLoader()
                .getResourceAsStream("reference/territory/" + file);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().count() - 1;
        }
    }
}
