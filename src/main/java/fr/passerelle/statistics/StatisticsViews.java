package fr.passerelle.statistics;

import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;
import fr.passerelle.statistics.StatisticsFilter.PeriodChoice;
import fr.passerelle.statistics.StatisticsQueries.PlacesRow;
import fr.passerelle.statistics.StatisticsQueries.ProviderRow;
import fr.passerelle.statistics.StatisticsService.Figures;
import fr.passerelle.statistics.StatisticsService.View;
import fr.passerelle.system.ExclusiveJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * The figures of the statistics views, kept in {@code statistics_view} (V29): every view computed is kept there with
 * the day it was computed for, read back by any instance (after a restart too) when its memory does not hold it, and
 * computed again each night for the new day when it was read lately ({@link StatisticsService#prepareRecentViews}).
 * The figures are aggregates only: counts, families counted, delays, the names of prescribers, communes and EPCIs.
 */
@Component
class StatisticsViews {

    /** The nightly job's name for the jobs' lock: one instance prepares the views. */
    static final String JOB = "statistics-views";

    private static final Logger log = LoggerFactory.getLogger(StatisticsViews.class);

    /** What is kept of a view's figures (the time of the refresh they come from has a column of its own). */
    record Kept(List<Cube.Entry> cells, Map<String, String> breakdownNames, Map<String, String> epciNames,
            List<ProviderRow> providers, List<PlacesRow> places) {
    }

    private record Row(LocalDate computedFor, OffsetDateTime refreshedAt, String figures) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    StatisticsViews(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The figures kept for the view, when they were computed for its day (the days of a preset move with the day,
     * and outcomes become due); the view is noted as read.
     */
    Optional<Figures> read(View view) {
        try {
            return jdbc.sql("""
                            update statistics_view set last_read_at = ? where view_key = ?
                            returning computed_for, refreshed_at, figures::text""")
                    .param(now()).param(view.key())
                    .query((rs, n) -> new Row(rs.getObject(1, LocalDate.class),
                            rs.getObject(2, OffsetDateTime.class), rs.getString(3)))
                    .optional()
                    .filter(row -> row.computedFor().equals(view.today()))
                    .map(row -> {
                        Kept kept = json.readValue(row.figures(), Kept.class);
                        return new Figures(Cube.of(kept.cells()), kept.breakdownNames(), kept.epciNames(),
                                kept.providers(), kept.places(),
                                Optional.ofNullable(row.refreshedAt()).map(OffsetDateTime::toInstant));
                    });
        }
        catch (RuntimeException ex) {
            // The figures are then computed, as if never kept.
            log.warn("Statistics view not read back: {}", ex.toString());
            return Optional.empty();
        }
    }

    /**
     * Keeps a view's figures, unless figures of a later day or refresh are kept already (two instances computing the
     * same view). Keeping is not reading: the view's last reading stays as it was.
     */
    void keep(View view, Figures figures) {
        try {
            Kept kept = new Kept(figures.cube().entries(), figures.breakdownNames(), figures.epciNames(),
                    figures.providers(), figures.places());
            Period period = view.period();
            jdbc.sql("""
                            insert into statistics_view (view_key, departement_code, organisation_id, period_choice,
                                                         period_from, period_to, trend, breakdown, need, purpose,
                                                         computed_for, refreshed_at, figures, last_read_at)
                            values (:key, :departement, :organisation, :choice, :from, :to, :trend, :breakdown, :need,
                                    :purpose, :day, :refreshedAt, cast(:figures as jsonb), :now)
                            on conflict (view_key) do update
                                set period_from = excluded.period_from, period_to = excluded.period_to,
                                    computed_for = excluded.computed_for, refreshed_at = excluded.refreshed_at,
                                    figures = excluded.figures
                                where (excluded.computed_for, coalesce(excluded.refreshed_at, '-infinity'))
                                      >= (statistics_view.computed_for,
                                          coalesce(statistics_view.refreshed_at, '-infinity'))""")
                    .param("key", view.key())
                    .param("departement", view.scope().departementCode())
                    .param("organisation", view.scope().organisationId())
                    .param("choice", view.choice().name())
                    .param("from", Date.valueOf(period.from()))
                    .param("to", Date.valueOf(period.to()))
                    .param("trend", period.trend().name())
                    .param("breakdown", view.breakdown().name())
                    .param("need", view.need() == null ? null : view.need().name())
                    .param("purpose", view.purpose() == null ? null : view.purpose().name())
                    .param("day", Date.valueOf(view.today()))
                    .param("refreshedAt", figures.refreshedAt().map(at -> at.atOffset(ZoneOffset.UTC)).orElse(null))
                    .param("figures", json.writeValueAsString(kept))
                    .param("now", now())
                    .update();
        }
        catch (RuntimeException ex) {
            // The figures are served all the same; the next reader on another instance computes them.
            log.warn("Statistics view {} not kept: {}", view.key(), ex.toString());
        }
    }

    /** The views read within {@code within}, the most recently read first, as they are on {@code today}. */
    List<View> readLately(LocalDate today, Duration within, int limit) {
        List<View> views = new ArrayList<>();
        jdbc.sql("""
                        select departement_code, organisation_id, period_choice, period_from, period_to, trend,
                               breakdown, need, purpose
                        from statistics_view where last_read_at >= ?
                        order by last_read_at desc limit ?""")
                .param(now().minus(within)).param(limit)
                .query(rs -> {
                    StatisticsFilter filter = new StatisticsFilter();
                    filter.setPeriod(PeriodChoice.valueOf(rs.getString("period_choice")));
                    filter.setFrom(rs.getObject("period_from", LocalDate.class));
                    filter.setTo(rs.getObject("period_to", LocalDate.class));
                    filter.setTrend(Period.Trend.valueOf(rs.getString("trend")));
                    BeanPropertyBindingResult errors = new BeanPropertyBindingResult(filter, "filter");
                    Period period = filter.resolve(today, errors);
                    if (errors.hasErrors()) {
                        return;
                    }
                    StatisticsScope scope = new StatisticsScope(rs.getString("departement_code"),
                            rs.getObject("organisation_id", Long.class));
                    String need = rs.getString("need");
                    String purpose = rs.getString("purpose");
                    views.add(new View(scope, period, Breakdown.valueOf(rs.getString("breakdown")),
                            need == null ? null : CareNeed.valueOf(need),
                            purpose == null ? null : Purpose.valueOf(purpose), today));
                });
        return views;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** Runs the nightly preparation on this instance, unless {@code passerelle.statistics.refresh.enabled} is false. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "passerelle.statistics.refresh", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class Schedule {

        @Bean
        Job statisticsViewsJob(StatisticsService statistics, ExclusiveJobs jobs) {
            return new Job(statistics, jobs);
        }
    }

    /** The nightly trigger, after the nightly refresh of the events. */
    static final class Job {

        private final StatisticsService statistics;
        private final ExclusiveJobs jobs;

        Job(StatisticsService statistics, ExclusiveJobs jobs) {
            this.statistics = statistics;
            this.jobs = jobs;
        }

        @Scheduled(cron = "${passerelle.statistics.views.prepare-cron:0 0 4 * * *}",
                zone = "${passerelle.time-zone:Europe/Paris}")
        void prepare() {
            jobs.run(JOB, statistics::prepareRecentViews);
        }
    }
}
