package fr.passerelle.provider.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Measures the import of 10,000 rows (check and insert, one transaction) and logs the times; it asserts nothing about
 * them, a machine's speed being no test result. Not in the default run:
 * {@code ./mvnw test -Dgroups=benchmark -Dtest=ChildminderImportBenchmark}. The result is in the README.
 */
@IntegrationTest
@Tag("benchmark")
class ChildminderImportBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ChildminderImportBenchmark.class);

    static final int ROWS = 10_000;

    @Autowired
    ChildminderImport imports;

    @Autowired
    TestAccounts accounts;

    @Autowired
    Clock clock;

    @Test
    void importsTenThousandRows() {
        CurrentUser admin = accounts.signedIn(accounts.create(Role.ADMIN));
        // Warm-up on a small file, so that the measure is the import's, not the JIT's.
        imports.importAll(admin, file(100));

        byte[] file = file(ROWS);
        long start = System.nanoTime();
        ChildminderImport.Preview preview = imports.check(file);
        Duration check = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        int imported = imports.importAll(admin, file);
        Duration total = Duration.ofNanos(System.nanoTime() - start);

        assertThat(preview.valid()).isTrue();
        assertThat(imported).isEqualTo(ROWS);
        log.info("CSV import benchmark: {} rows ({} KB), preview {} ms, check + import {} ms", ROWS,
                file.length / 1024, check.toMillis(), total.toMillis());
    }

    private byte[] file(int rows) {
        LocalDate end = LocalDate.now(clock).plusYears(3);
        String prefix = "B-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-";
        String[] communes = {"91228", "91174", "91377", "91477", "91521"};
        StringBuilder text = new StringBuilder(ChildminderCsv.headerLine());
        for (int i = 0; i < rows; i++) {
            text.append(prefix).append(i).append(";Martin-").append(i).append(";Sophie;").append(communes[i % 5])
                    .append(';').append(end).append(";4;2;3;72;06 12 34 56 78;sophie").append(i)
                    .append("@example.org;\"Lundi au vendredi; 7 h 30 – 18 h 30\"\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
