package fr.passerelle.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import fr.passerelle.statistics.StatisticsRefresh;
import fr.passerelle.system.ExclusiveJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A year of finished referrals in Essonne for the statistics page ({@code demo/statistics-history.sql}, loaded once),
 * then the statistics computed at once (after the national data too, when that profile is on), so that the page has
 * its figures from the first minute.
 */
@Component
@Profile("demo")
@Order(5)
class DemoStatisticsHistory implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoStatisticsHistory.class);

    private final JdbcTemplate jdbc;
    private final StatisticsRefresh refresh;
    private final ExclusiveJobs jobs;

    DemoStatisticsHistory(JdbcTemplate jdbc, StatisticsRefresh refresh, ExclusiveJobs jobs) {
        this.jdbc = jdbc;
        this.refresh = refresh;
        this.jobs = jobs;
    }

    @Override
    public void run(ApplicationArguments args) {
        load();
        // Through the jobs' lock, waiting for a refresh in progress (the minute's run, or a second demo instance's),
        // which may have started before the data above was committed.
        while (jobs.run(StatisticsRefresh.JOB, refresh::refreshAll) == ExclusiveJobs.Result.SKIPPED) {
            try {
                Thread.sleep(1000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Transactional
    void load() {
        try {
            jdbc.execute(new ClassPathResource("demo/statistics-history.sql").getContentAsString(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        log.info("Demo statistics history loaded");
    }
}
