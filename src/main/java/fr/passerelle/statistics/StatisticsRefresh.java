package fr.passerelle.statistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import fr.passerelle.system.ExclusiveJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@code statistics_event} up to date: every minute the events of the referrals that moved since the last run
 * (their last transition, which every change of status, offer and outcome writes) are computed again; every night
 * all of them. Both scheduled runs go through {@link ExclusiveJobs} under one name, so that one refresh at a time runs
 * across instances. Readers keep seeing the previous figures until a refresh commits.
 */
@Service
public class StatisticsRefresh {

    /** The job's name in {@link ExclusiveJobs} and in the {@code passerelle.jobs} metric. */
    public static final String JOB = "statistics-refresh";

    private static final Logger log = LoggerFactory.getLogger(StatisticsRefresh.class);
    private static final String MARKER = "/*referrals*/";

    private final JdbcClient jdbc;
    private final StatisticsProperties properties;
    private final Clock clock;
    private final String eventsSql;

    StatisticsRefresh(JdbcClient jdbc, StatisticsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        try {
            this.eventsSql = new ClassPathResource("statistics/events.sql").getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Computes every event again. */
    @Transactional
    public void refreshAll() {
        rebuildAll();
    }

    /**
     * Computes again the events of the referrals that moved since the last refresh (all of them the first time).
     *
     * @return the number of events written
     */
    @Transactional
    public int refreshChanged() {
        Optional<Instant> last = lastRefresh();
        if (last.isEmpty()) {
            return rebuildAll();
        }
        Instant now = clock.instant();
        OffsetDateTime since = last.get().minus(properties.refresh().margin()).atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                        delete from statistics_event where referral_id in (
                            select id from referral where last_transition_at >= :since)""")
                .param("since", since).update();
        int written = jdbc.sql(eventsSql.replace(MARKER, "r.last_transition_at >= :since"))
                .param("since", since).param("zone", clock.getZone().getId()).update();
        jdbc.sql("update statistics_refresh set refreshed_at = ? where id = 1").param(utc(now)).update();
        return written;
    }

    /** When the figures were last computed, if ever. */
    @Transactional(readOnly = true)
    public Optional<Instant> lastRefresh() {
        return jdbc.sql("select refreshed_at from statistics_refresh where id = 1").query(OffsetDateTime.class)
                .optional().map(OffsetDateTime::toInstant);
    }

    private int rebuildAll() {
        long start = System.nanoTime();
        Instant now = clock.instant();
        // Every referral at once: hash joins and sorts of millions of rows, in memory rather than in temporary files.
        jdbc.sql("set local work_mem = '256MB'").update();
        jdbc.sql("delete from statistics_event").update();
        int written = jdbc.sql(eventsSql.replace(MARKER, "true")).param("zone", clock.getZone().getId()).update();
        // The planner's picture of the new table: without it, a territory's year was estimated at 50 events, not
        // 250,000 (sorts planned in memory ran on disk).
        jdbc.sql("analyze statistics_event").update();
        jdbc.sql("""
                        insert into statistics_refresh (id, refreshed_at, full_refreshed_at) values (1, :now, :now)
                        on conflict (id) do update set refreshed_at = :now, full_refreshed_at = :now""")
                .param("now", utc(now)).update();
        log.info("Statistics: {} events computed in {} ms", written, (System.nanoTime() - start) / 1_000_000);
        return written;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Runs the refresh on this instance, unless {@code passerelle.statistics.refresh.enabled} is false. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "passerelle.statistics.refresh", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class Schedule {

        @Bean
        Job statisticsRefreshJob(StatisticsRefresh refresh, ExclusiveJobs jobs) {
            return new Job(refresh, jobs);
        }
    }

    /** The scheduled triggers. */
    static final class Job {

        private final StatisticsRefresh refresh;
        private final ExclusiveJobs jobs;

        Job(StatisticsRefresh refresh, ExclusiveJobs jobs) {
            this.refresh = refresh;
            this.jobs = jobs;
        }

        @Scheduled(fixedDelayString = "${passerelle.statistics.refresh.fixed-delay:PT1M}",
                initialDelayString = "${passerelle.statistics.refresh.fixed-delay:PT1M}")
        void changed() {
            jobs.run(JOB, refresh::refreshChanged);
        }

        @Scheduled(cron = "${passerelle.statistics.refresh.full-cron:0 30 3 * * *}",
                zone = "${passerelle.time-zone:Europe/Paris}")
        void all() {
            jobs.run(JOB, refresh::refreshAll);
        }
    }
}
