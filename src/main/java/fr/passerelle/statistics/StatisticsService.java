package fr.passerelle.statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fr.passerelle.statistics.Cube.Grouping;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The statistics of a user's scope for a period: every table of the page, and when its figures were computed. */
@Service
public class StatisticsService {

    /** The providers listed in the per-provider table, the busiest first. */
    static final int PROVIDERS_LIMIT = 100;

    /**
     * The page's tables.
     *
     * @param tables by id, in the page's order
     * @param refreshedAt when the figures were computed, if ever
     */
    public record Statistics(Period period, Breakdown breakdown, Map<String, StatTable> tables,
            Optional<Instant> refreshedAt, int minFamilies) {
    }

    /** Views kept: the same view of the same refresh is the same figures (an LRU of this many entries). */
    static final int CACHED_VIEWS = 200;

    /** What a view depends on: the scope, the filters in force, the language and the refresh it reads. */
    private record View(StatisticsScope scope, Period period, Breakdown breakdown, Object need, Object purpose,
            Locale locale, LocalDate today, Optional<Instant> refreshedAt) {
    }

    private final Map<View, Statistics> views = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<View, Statistics> eldest) {
                    return size() > CACHED_VIEWS;
                }
            });

    private final StatisticsQueries queries;
    private final StatisticsRefresh refresh;
    private final StatisticsProperties properties;
    private final MessageSource messages;
    private final Clock clock;

    StatisticsService(StatisticsQueries queries, StatisticsRefresh refresh, StatisticsProperties properties,
            MessageSource messages, Clock clock) {
        this.queries = queries;
        this.refresh = refresh;
        this.properties = properties;
        this.messages = messages;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Everything of the page, read in one read-only transaction (one snapshot of the events). The events change only
     * when the refresh job runs: a view already computed since the last refresh is given again without recomputing
     * it (a busy territory's year takes PostgreSQL about a second to aggregate).
     */
    @Transactional(readOnly = true)
    public Statistics statistics(StatisticsScope scope, StatisticsFilter filter, Period period, Locale locale) {
        Breakdown breakdown = filter.breakdown(scope.caf());
        View view = new View(scope, period, breakdown, filter.getNeed(), filter.getPurpose(), locale, today(),
                refresh.lastRefresh());
        Statistics cached = views.get(view);
        if (cached != null) {
            return cached;
        }
        Cube cube = queries.cube(scope, period, breakdown, filter.getNeed(), filter.getPurpose(), today());
        Map<String, String> breakdownNames = queries.names(breakdown, cube.values(Grouping.BREAKDOWN));
        Map<String, String> epciNames = queries.names(Breakdown.EPCI, cube.values(Grouping.EPCI));
        List<StatisticsQueries.ProviderRow> providers = queries.providers(scope, period, filter.getNeed(),
                filter.getPurpose(), PROVIDERS_LIMIT);
        List<StatisticsQueries.PlacesRow> places = queries.places(scope, period, filter.getNeed(),
                filter.getPurpose(), clock.getZone().getId());
        StatisticsReport report = new StatisticsReport(messages, locale, properties.minFamilies());
        Statistics statistics = new Statistics(period, breakdown, report.tables(cube, period, breakdown,
                breakdownNames, epciNames, providers, places, scope.caf()), view.refreshedAt(),
                properties.minFamilies());
        views.put(view, statistics);
        return statistics;
    }
}
