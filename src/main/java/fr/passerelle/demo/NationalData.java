package fr.passerelle.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * National-scale data for load tests (profile {@code national}, after the demo data): every commune of France, a
 * quarter of a million childminders, thousands of services and crèches and a million referrals over three years, the
 * busiest territory being the demo one (Essonne, and the caseload of {@code conseiller.evry}).
 * <p>
 * The work is set-based SQL ({@code demo/national-data.sql}), run in one transaction so that an interrupted run
 * leaves nothing behind; a database that already has the data (its childminders' agreement numbers start with
 * {@code NAT-}) is left alone. {@code passerelle.national.scale} shrinks everything for tests and trials.
 */
@Component
@Profile("national")
@Order(4)
class NationalData implements ApplicationRunner {

    static final String SCRIPT = "demo/national-data.sql";

    /** The tables the script fills, analysed afterwards so that the first queries get good plans. */
    static final List<String> TABLES = List.of("organisation", "user_account", "childminder", "avip_label",
            "avip_label_event", "home_care_service", "home_care_coverage", "home_care_epci_coverage", "creche",
            "referral", "referral_child", "referral_transition", "eligibility_decision", "offer", "place_hold");

    private static final String STEP_MARK = "-- step:";

    private static final Logger log = LoggerFactory.getLogger(NationalData.class);

    private final DataSource dataSource;
    private final double scale;
    private final double seed;

    NationalData(DataSource dataSource, @Value("${passerelle.national.scale:1}") double scale,
            @Value("${passerelle.national.seed:0.42}") double seed) {
        if (!(scale > 0 && scale <= 10)) {
            throw new IllegalArgumentException("passerelle.national.scale must be in (0, 10]: " + scale);
        }
        if (!(seed >= -1 && seed <= 1)) {
            throw new IllegalArgumentException("passerelle.national.seed must be in [-1, 1]: " + seed);
        }
        this.dataSource = dataSource;
        this.scale = scale;
        this.seed = seed;
    }

    @Override
    public void run(ApplicationArguments args) {
        generate();
    }

    /**
     * Generates the data unless they are there already.
     *
     * @return whether anything was generated
     */
    boolean generate() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            if (alreadyGenerated(connection)) {
                log.info("National data already generated: nothing to do");
                return false;
            }
            long evryAgency = evryAgency(connection);
            log.info("Generating national data at scale {} (a few minutes at scale 1)", scale);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (Step step : steps(evryAgency)) {
                    long stepStart = System.nanoTime();
                    try (Statement statement = connection.createStatement()) {
                        for (String sql : step.statements()) {
                            statement.execute(sql);
                        }
                    }
                    log.info("National data: {} ({} s)", step.name(), seconds(stepStart));
                }
                long commitStart = System.nanoTime();
                connection.commit();
                log.info("National data: committed ({} s)", seconds(commitStart));
            }
            catch (SQLException | RuntimeException ex) {
                connection.rollback();
                throw ex;
            }
            finally {
                connection.setAutoCommit(autoCommit);
            }
            long analyzeStart = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                // Vacuumed as well as analysed, as autovacuum would leave them after a while: the visibility map
                // set, the lists' index-only scans read no table rows (without it, page 1,000 of a list fetched
                // 20,000 rows from the table).
                statement.execute("vacuum (analyze) " + String.join(", ", TABLES));
            }
            log.info("National data: tables vacuumed and analysed ({} s)", seconds(analyzeStart));
            log.info("National data ready in {} s: {}", seconds(start), counts(connection));
            return true;
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not generate the national data", ex);
        }
    }

    private static boolean alreadyGenerated(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "select exists (select 1 from childminder where upper(agreement_number) like 'NAT-%')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The demo agency whose advisors file 30,000 referrals: the demo data must be there. */
    private static long evryAgency(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select id from organisation where kind = 'FRANCE_TRAVAIL_AGENCY' and name = ?")) {
            statement.setString(1, DemoData.EVRY_AGENCY);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("The national data need the demo data (profile demo): no "
                            + DemoData.EVRY_AGENCY);
                }
                return rs.getLong(1);
            }
        }
    }

    record Step(String name, List<String> statements) {
    }

    /**
     * The script's steps ({@code -- step: name} lines), each split into statements on lines ending with a semicolon,
     * comment lines left out and placeholders replaced.
     */
    List<Step> steps(long evryAgency) {
        Map<String, String> values = Map.of(
                "${scale}", String.format(Locale.ROOT, "%s", scale),
                "${seed}", String.format(Locale.ROOT, "%s", seed),
                "${evry_agency}", Long.toString(evryAgency));
        List<Step> steps = new ArrayList<>();
        String name = null;
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : script().split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith(STEP_MARK)) {
                if (name != null) {
                    steps.add(new Step(name, List.copyOf(statements)));
                }
                name = trimmed.substring(STEP_MARK.length()).strip();
                statements.clear();
                continue;
            }
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            statement.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = statement.toString().strip();
                for (Map.Entry<String, String> value : values.entrySet()) {
                    sql = sql.replace(value.getKey(), value.getValue());
                }
                statements.add(sql.substring(0, sql.length() - 1));
                statement.setLength(0);
            }
        }
        if (name == null || !statement.toString().isBlank()) {
            throw new IllegalStateException(SCRIPT + " must start with a step and end with a semicolon");
        }
        steps.add(new Step(name, List.copyOf(statements)));
        return steps;
    }

    private static String script() {
        try {
            return new ClassPathResource(SCRIPT).getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String counts(Connection connection) throws SQLException {
        List<String> counts = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.add(table + " " + rs.getLong(1));
                }
            }
        }
        return String.join(", ", counts);
    }

    private static String seconds(long since) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - since) / 1e9);
    }
}
