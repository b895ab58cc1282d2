package fr.passerelle.statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;
import fr.passerelle.statistics.Cube.Grouping;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

    /** Views kept, the least recently read dropped first. */
    static final int CACHED_VIEWS = 200;

    private static final Logger log = LoggerFactory.getLogger(StatisticsService.class);

    /** What a view depends on: the scope, the filters in force, the language and the day (presets end today). */
    private record View(StatisticsScope scope, Period period, Breakdown breakdown, CareNeed need, Purpose purpose,
            Locale locale, LocalDate today) {
    }

    private final Map<View, Statistics> views = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<View, Statistics> eldest) {
                    return size() > CACHED_VIEWS;
                }
            });

    /** Views being computed again in the background, so that each is computed once at a time. */
    private final Set<View> recomputing = ConcurrentHashMap.newKeySet();

    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "statistics-views");
        thread.setDaemon(true);
        return thread;
    });

    private final StatisticsQueries queries;
    private final StatisticsRefresh refresh;
    private final StatisticsProperties properties;
    private final MessageSource messages;
    private final Clock clock;
    private final TransactionTemplate readOnly;

    StatisticsService(StatisticsQueries queries, StatisticsRefresh refresh, StatisticsProperties properties,
            MessageSource messages, Clock clock, PlatformTransactionManager transactions) {
        this.queries = queries;
        this.refresh = refresh;
        this.properties = properties;
        this.messages = messages;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Everything of the page, each view read in one read-only transaction (one snapshot of the events). The events
     * change only when the refresh job runs, and a busy territory's year takes PostgreSQL about a second to aggregate:
     * a view already computed is given again at once. When the events were refreshed since, it is computed again in
     * the background (once at a time) and the page shows the previous figures, with the time they were computed at,
     * until then ({@code passerelle.statistics.serve-previous}; when off, it is computed again before answering).
     */
    public Statistics statistics(StatisticsScope scope, StatisticsFilter filter, Period period, Locale locale) {
        Breakdown breakdown = filter.breakdown(scope.caf());
        View view = new View(scope, period, breakdown, filter.getNeed(), filter.getPurpose(), locale, today());
        Statistics cached = views.get(view);
        if (cached != null && cached.refreshedAt().equals(refresh.lastRefresh())) {
            return cached;
        }
        if (cached != null && properties.servePrevious()) {
            if (recomputing.add(view)) {
                try {
                    background.execute(() -> recompute(view));
                }
                catch (RejectedExecutionException ex) {
                    recomputing.remove(view);
                }
            }
            return cached;
        }
        return compute(view);
    }

    private void recompute(View view) {
        try {
            compute(view);
        }
        catch (RuntimeException ex) {
            log.warn("Statistics view not computed again: {}", ex.toString());
        }
        finally {
            recomputing.remove(view);
        }
    }

    private Statistics compute(View view) {
        Statistics statistics = readOnly.execute(status -> read(view));
        views.put(view, statistics);
        return statistics;
    }

    private Statistics read(View view) {
        StatisticsScope scope = view.scope();
        Period period = view.period();
        Breakdown breakdown = view.breakdown();
        CareNeed need = view.need();
        Purpose purpose = view.purpose();
        Optional<Instant> refreshedAt = refresh.lastRefresh();
        Cube cube = queries.cube(scope, period, breakdown, need, purpose, view.today());
        Map<String, String> breakdownNames = queries.names(breakdown, cube.values(Grouping.BREAKDOWN));
        Map<String, String> epciNames = queries.names(Breakdown.EPCI, cube.values(Grouping.EPCI));
        List<StatisticsQueries.ProviderRow> providers = queries.providers(scope, period, need, purpose,
                PROVIDERS_LIMIT);
        List<StatisticsQueries.PlacesRow> places = queries.places(scope, period, need, purpose,
                clock.getZone().getId());
        StatisticsReport report = new StatisticsReport(messages, view.locale(), properties.minFamilies());
        return new Statistics(period, breakdown, report.tables(cube, period, breakdown, breakdownNames, epciNames,
                providers, places, scope.caf()), refreshedAt, properties.minFamilies());
    }
}
