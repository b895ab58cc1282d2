package fr.passerelle.statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;
import fr.passerelle.statistics.Cube.Grouping;
import fr.passerelle.statistics.StatisticsFilter.PeriodChoice;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.BeanPropertyBindingResult;

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

    /** What a view's figures depend on: the scope, the filters in force and the day (presets end today). */
    record View(StatisticsScope scope, Period period, Breakdown breakdown, CareNeed need, Purpose purpose,
            LocalDate today) {

        /** The preset whose days the period is on its day, else {@code CUSTOM}. */
        PeriodChoice choice() {
            if (!period.to().equals(today)) {
                return PeriodChoice.CUSTOM;
            }
            for (PeriodChoice preset : List.of(PeriodChoice.MONTH, PeriodChoice.QUARTER, PeriodChoice.YEAR)) {
                StatisticsFilter filter = new StatisticsFilter();
                filter.setPeriod(preset);
                if (filter.resolve(today, new BeanPropertyBindingResult(filter, "filter")).from()
                        .equals(period.from())) {
                    return preset;
                }
            }
            return PeriodChoice.CUSTOM;
        }

        /**
         * What the view is kept under in {@code statistics_view}: a preset without its days (it moves with the
         * day), a custom range with them.
         */
        String key() {
            PeriodChoice choice = choice();
            return String.join("|", scope.caf() ? "D" + scope.departementCode() : "O" + scope.organisationId(),
                    choice == PeriodChoice.CUSTOM ? period.from() + ".." + period.to() : choice.name(),
                    period.trend().name(), breakdown.name(), Objects.toString(need, "-"),
                    Objects.toString(purpose, "-"));
        }
    }

    /** What PostgreSQL computed for a view, before it is laid out in tables in the reader's language. */
    record Figures(Cube cube, Map<String, String> breakdownNames, Map<String, String> epciNames,
            List<StatisticsQueries.ProviderRow> providers, List<StatisticsQueries.PlacesRow> places,
            Optional<Instant> refreshedAt) {
    }

    private final Map<View, Figures> views = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<View, Figures> eldest) {
                    return size() > CACHED_VIEWS;
                }
            });

    /** Views being computed, so that each is computed once at a time: other readers wait for it. */
    private final Map<View, CompletableFuture<Figures>> inFlight = new ConcurrentHashMap<>();

    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "statistics-views");
        thread.setDaemon(true);
        return thread;
    });

    private final StatisticsQueries queries;
    private final StatisticsViews stored;
    private final StatisticsRefresh refresh;
    private final StatisticsProperties properties;
    private final MessageSource messages;
    private final Clock clock;
    private final TransactionTemplate readOnly;

    StatisticsService(StatisticsQueries queries, StatisticsViews stored, StatisticsRefresh refresh,
            StatisticsProperties properties, MessageSource messages, Clock clock,
            PlatformTransactionManager transactions) {
        this.queries = queries;
        this.stored = stored;
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
     * Everything of the page, each view's figures read in one read-only transaction (one snapshot of the events). The
     * events change only when the refresh job runs, and a busy territory's year takes PostgreSQL about a second to
     * aggregate: figures already computed are given again at once. When the events were refreshed since, they are
     * computed again in the background (once at a time) and the page shows the previous figures, with the time they
     * were computed at, until then ({@code passerelle.statistics.serve-previous}; when off, they are computed again
     * before answering). Figures not in this instance's memory are read back from {@code statistics_view}, where every
     * view's figures are kept ({@link StatisticsViews}) and computed again each night for the new day.
     */
    public Statistics statistics(StatisticsScope scope, StatisticsFilter filter, Period period, Locale locale) {
        Breakdown breakdown = filter.breakdown(scope.caf());
        View view = new View(scope, period, breakdown, filter.getNeed(), filter.getPurpose(), today());
        Figures figures = views.get(view);
        if (figures == null) {
            figures = stored.read(view).orElse(null);
            if (figures != null) {
                views.put(view, figures);
            }
        }
        if (!fresh(figures)) {
            if (figures != null && properties.servePrevious()) {
                computeInBackground(view);
            }
            else {
                figures = compute(view);
            }
        }
        StatisticsReport report = new StatisticsReport(messages, locale, properties.minFamilies());
        return new Statistics(period, breakdown, report.tables(figures.cube(), period, breakdown,
                figures.breakdownNames(), figures.epciNames(), figures.providers(), figures.places(), scope.caf()),
                figures.refreshedAt(), properties.minFamilies());
    }

    /**
     * Computes in the background the figures of the page a user of that scope opens first (the default filters),
     * unless they are ready: called when a user signs in ({@code passerelle.statistics.prepare-on-sign-in}).
     */
    public void prepare(StatisticsScope scope) {
        if (!ready(scope)) {
            computeInBackground(firstView(scope));
        }
    }

    /**
     * Computes again, for today, the views read lately (by anyone, on any instance): run each night after the events
     * were computed again, so that the day's first reader of a view does not wait for its aggregates.
     *
     * @return how many views were computed
     */
    public int prepareRecentViews() {
        LocalDate today = today();
        int computed = 0;
        for (View view : stored.readLately(today, properties.views().readWithin(), properties.views().prepareLimit())) {
            if (fresh(views.get(view))) {
                continue;
            }
            try {
                compute(view);
                computed++;
            }
            catch (RuntimeException ex) {
                log.warn("Statistics view not prepared: {}", ex.toString());
            }
        }
        log.info("{} statistics view(s) prepared for {}", computed, today);
        return computed;
    }

    /** Whether the figures of the page a user of that scope opens first are computed from the last refresh. */
    boolean ready(StatisticsScope scope) {
        return fresh(views.get(firstView(scope)));
    }

    /** Whether figures were computed from the events of the last refresh (false for none). */
    private boolean fresh(Figures figures) {
        return figures != null && figures.refreshedAt().equals(refresh.lastRefresh());
    }

    private View firstView(StatisticsScope scope) {
        StatisticsFilter filter = new StatisticsFilter();
        LocalDate today = today();
        Period period = filter.resolve(today, new BeanPropertyBindingResult(filter, "statisticsFilter"));
        return new View(scope, period, filter.breakdown(scope.caf()), null, null, today);
    }

    private void computeInBackground(View view) {
        if (inFlight.containsKey(view)) {
            return;
        }
        try {
            background.execute(() -> {
                if (fresh(views.get(view))) {
                    return;
                }
                try {
                    compute(view);
                }
                catch (RuntimeException ex) {
                    log.warn("Statistics view not computed: {}", ex.toString());
                }
            });
        }
        catch (RejectedExecutionException ex) {
            log.debug("Statistics view left to its first reader: {}", ex.toString());
        }
    }

    /** Computes a view's figures, or waits for them when another thread is computing them. */
    private Figures compute(View view) {
        CompletableFuture<Figures> mine = new CompletableFuture<>();
        CompletableFuture<Figures> running = inFlight.putIfAbsent(view, mine);
        if (running != null) {
            try {
                return running.join();
            }
            catch (CompletionException ex) {
                throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
            }
        }
        try {
            Figures figures = readOnly.execute(status -> read(view));
            views.put(view, figures);
            stored.keep(view, figures);
            mine.complete(figures);
            return figures;
        }
        catch (RuntimeException ex) {
            mine.completeExceptionally(ex);
            throw ex;
        }
        finally {
            inFlight.remove(view, mine);
        }
    }

    private Figures read(View view) {
        StatisticsScope scope = view.scope();
        Period period = view.period();
        Optional<Instant> refreshedAt = refresh.lastRefresh();
        Cube cube = queries.cube(scope, period, view.breakdown(), view.need(), view.purpose(), view.today());
        return new Figures(cube, queries.names(view.breakdown(), cube.values(Grouping.BREAKDOWN)),
                queries.names(Breakdown.EPCI, cube.values(Grouping.EPCI)),
                queries.providers(scope, period, view.need(), view.purpose(), PROVIDERS_LIMIT),
                queries.places(scope, period, view.need(), view.purpose(), clock.getZone().getId()),
                refreshedAt);
    }
}
