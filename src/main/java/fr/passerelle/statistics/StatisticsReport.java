package fr.passerelle.statistics;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import fr.passerelle.referral.NoSolutionReason;
import fr.passerelle.referral.Outcome;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.ProviderKind;
import fr.passerelle.statistics.Cube.Grouping;
import fr.passerelle.statistics.StatTable.Row;

import org.springframework.context.MessageSource;

/**
 * Turns the aggregates of one scope and period into the tables of the page and of the CSV exports, each figure masked
 * when it comes from fewer than the minimum of families. The definition of each indicator is in the README
 * (Statistics).
 */
final class StatisticsReport {

    /** The ineligibility reasons, in the order of the form. */
    private static final List<String> INELIGIBILITY_REASONS = List.of("CHILD_TOO_OLD", "NOT_A_JOB_SEEKER",
            "PURPOSE_NOT_COVERED", "OUTSIDE_TERRITORY", "DATES_PASSED", "DUPLICATE", "OTHER");

    private final MessageSource messages;
    private final Locale locale;
    private final int min;

    StatisticsReport(MessageSource messages, Locale locale, int min) {
        this.messages = messages;
        this.locale = locale;
        this.min = min;
    }

    /** Every table the page shows for this scope, in the page's order, by id. */
    Map<String, StatTable> tables(Cube cube, Period period, Breakdown breakdown, Map<String, String> breakdownNames,
            Map<String, String> epciNames, List<StatisticsQueries.ProviderRow> providers,
            List<StatisticsQueries.PlacesRow> places, boolean caf) {
        Map<String, StatTable> tables = new LinkedHashMap<>();
        put(tables, summary(cube));
        put(tables, trend(cube, period));
        put(tables, ineligibility(cube));
        put(tables, delays(cube));
        put(tables, offers(cube));
        put(tables, declines(cube));
        if (caf) {
            put(tables, providers(providers));
        }
        put(tables, unmet(cube));
        put(tables, unmetTerritory(cube, epciNames));
        put(tables, care(cube));
        if (caf) {
            put(tables, places(places));
        }
        put(tables, outcomes(cube));
        put(tables, breakdown(cube, breakdown, breakdownNames));
        return tables;
    }

    private static void put(Map<String, StatTable> tables, StatTable table) {
        tables.put(table.id(), table);
    }

    StatTable summary(Cube cube) {
        Cell decided = cube.total("DECIDED");
        Cell outcome = cube.total("OUTCOME");
        Cell due = cube.total("OUTCOME_DUE");
        List<Row> rows = List.of(
                row("statistics.summary.filed", Figure.count(cube.total("FILED"), min)),
                row("statistics.summary.sent", Figure.count(cube.total("SENT"), min)),
                row("statistics.summary.withdrawn", Figure.count(cube.total("WITHDRAWN"), min)),
                row("statistics.summary.informationRequests", Figure.count(cube.total("INFORMATION_REQUESTED"), min)),
                row("statistics.summary.decided", Figure.count(decided, min)),
                row("statistics.summary.eligible", Figure.count(decided.hits(), decided.hitFamilies(), min)),
                row("statistics.summary.eligibilityRate", Figure.hitRate(decided, min)),
                row("statistics.summary.careArranged", Figure.count(cube.total("CARE_ARRANGED"), min)),
                row("statistics.summary.noSolution", Figure.count(cube.total("NO_SOLUTION"), min)),
                row("statistics.summary.outcomes", Figure.count(outcome, min)),
                row("statistics.summary.returnToWorkRate", Figure.hitRate(outcome, min)),
                row("statistics.summary.outcomesDue", Figure.count(due, min)),
                row("statistics.summary.outcomesMissingRate", Figure.hitRate(due, min)));
        return new StatTable("summary", msg("statistics.summary.title"), msg("statistics.indicator"),
                List.of(msg("statistics.value")), rows, null, Set.of());
    }

    StatTable trend(Cube cube, Period period) {
        List<String> kinds = List.of("FILED", "SENT", "DECIDED", "CARE_ARRANGED", "NO_SOLUTION", "OUTCOME");
        DateTimeFormatter month = DateTimeFormatter.ofPattern("MMMM yyyy", locale);
        DateTimeFormatter day = DateTimeFormatter.ofPattern("dd/MM/yyyy", locale);
        List<Row> rows = new ArrayList<>();
        for (LocalDate bucket : cube.buckets()) {
            List<Figure> figures = new ArrayList<>();
            for (String kind : kinds) {
                Cell cell = cube.get(Grouping.BUCKET, kind, bucket.toString(), null);
                figures.add(kind.equals("DECIDED") ? Figure.count(cell.hits(), cell.hitFamilies(), min)
                        : Figure.count(cell, min));
            }
            rows.add(new Row(period.trend() == Period.Trend.MONTH ? bucket.format(month)
                    : messages.getMessage("statistics.trend.weekOf", new Object[] {bucket.format(day)}, locale),
                    figures));
        }
        return new StatTable("trend", msg("statistics.trend.title"),
                msg(period.trend() == Period.Trend.MONTH ? "statistics.trend.month" : "statistics.trend.week"),
                List.of(msg("statistics.summary.filed"), msg("statistics.summary.sent"),
                        msg("statistics.summary.eligible"), msg("statistics.summary.careArranged"),
                        msg("statistics.summary.noSolution"), msg("statistics.summary.outcomes")),
                rows, "line", Set.of(0, 1, 2, 3, 4, 5));
    }

    StatTable ineligibility(Cube cube) {
        Cell decided = cube.total("DECIDED");
        long ineligible = decided.count() - decided.hits();
        List<Row> rows = new ArrayList<>();
        for (String reason : INELIGIBILITY_REASONS) {
            Cell cell = cube.get(Grouping.REASON, "DECIDED", reason, null);
            rows.add(new Row(msg("eligibility.reason." + reason), List.of(Figure.count(cell, min),
                    Figure.rate(cell.count(), cell.families(), ineligible, decided.families() - decided.hitFamilies(),
                            min))));
        }
        return new StatTable("ineligibility", msg("statistics.ineligibility.title"), msg("statistics.reason"),
                List.of(msg("statistics.count"), msg("statistics.share")), rows, "bar", Set.of(0));
    }

    StatTable delays(Cube cube) {
        List<Row> rows = new ArrayList<>();
        for (String kind : List.of("DECIDED", "FIRST_OFFER", "OFFER", "CARE_ARRANGED")) {
            Cell cell = cube.total(kind);
            rows.add(new Row(msg("statistics.delay." + kind), List.of(
                    Figure.count(kind.equals("OFFER") ? answered(cube) : cell, min),
                    Figure.hours(cell.median(), cell.timedFamilies(), min),
                    Figure.hours(cell.p90(), cell.timedFamilies(), min))));
        }
        return new StatTable("delays", msg("statistics.delays.title"), msg("statistics.delay"),
                List.of(msg("statistics.count"), msg("statistics.median"), msg("statistics.p90")), rows, "bar",
                Set.of(1, 2));
    }

    /** Answered offers: accepted and declined (their families added, which never hides fewer than there are). */
    private Cell answered(Cube cube) {
        Cell accepted = cube.get(Grouping.REASON, "OFFER", "ACCEPTED", null);
        Cell declined = cube.get(Grouping.REASON, "OFFER", "DECLINED", null);
        long families = Math.min(accepted.families() + declined.families(),
                cube.total("OFFER").timedFamilies());
        return new Cell(accepted.count() + declined.count(), families, 0, 0, 0, null, null);
    }

    StatTable offers(Cube cube) {
        List<Row> rows = new ArrayList<>();
        for (ProviderKind kind : ProviderKind.values()) {
            String k = kind.name();
            Cell due = cube.get(Grouping.PROVIDER_KIND, "ANSWER_DUE", k, null);
            Cell offers = cube.get(Grouping.PROVIDER_KIND, "OFFER", k, null);
            rows.add(new Row(msg("routing.providerKind." + k), List.of(
                    Figure.count(offers, min),
                    Figure.count(cube.get(Grouping.PROVIDER_KIND_REASON, "OFFER", k, "ACCEPTED"), min),
                    Figure.count(cube.get(Grouping.PROVIDER_KIND_REASON, "OFFER", k, "DECLINED"), min),
                    Figure.count(cube.get(Grouping.PROVIDER_KIND_REASON, "OFFER", k, "EXPIRED"), min),
                    Figure.hitRate(due, min),
                    Figure.hours(offers.median(), offers.timedFamilies(), min))));
        }
        return new StatTable("offers", msg("statistics.offers.title"), msg("statistics.providerKind"),
                offerColumns(), rows, "bar", Set.of(1, 2, 3));
    }

    private List<String> offerColumns() {
        return List.of(msg("statistics.offers.sent"), msg("statistics.offers.accepted"),
                msg("statistics.offers.declined"), msg("statistics.offers.expired"),
                msg("statistics.offers.within24h"), msg("statistics.offers.medianAnswer"));
    }

    StatTable declines(Cube cube) {
        List<Row> rows = new ArrayList<>();
        for (DeclineReason reason : DeclineReason.values()) {
            rows.add(new Row(msg("routing.declineReason." + reason.name()), List.of(Figure.count(
                    cube.get(Grouping.REASON_DETAIL, "OFFER", "DECLINED", reason.name()), min))));
        }
        return new StatTable("declines", msg("statistics.declines.title"), msg("statistics.reason"),
                List.of(msg("statistics.count")), rows, "bar", Set.of(0));
    }

    StatTable providers(List<StatisticsQueries.ProviderRow> providers) {
        List<Row> rows = new ArrayList<>();
        for (StatisticsQueries.ProviderRow p : providers) {
            rows.add(new Row(p.name() + " (" + msg("routing.providerKind." + p.providerKind()) + ")", List.of(
                    Figure.count(p.offers(), min), Figure.count(p.accepted(), min),
                    Figure.count(p.declined(), min), Figure.count(p.expired(), min),
                    Figure.hitRate(p.answerDue(), min),
                    Figure.hours(p.answerDue().median(), p.answerDue().timedFamilies(), min))));
        }
        return new StatTable("providers", msg("statistics.providers.title"), msg("statistics.provider"),
                offerColumns(), rows, null, Set.of());
    }

    StatTable unmet(Cube cube) {
        List<Row> rows = new ArrayList<>();
        for (NoSolutionReason reason : NoSolutionReason.values()) {
            rows.add(new Row(msg("referral.noSolutionReason." + reason.name()),
                    List.of(Figure.count(cube.get(Grouping.REASON, "NO_SOLUTION", reason.name(), null), min))));
        }
        return new StatTable("unmet", msg("statistics.unmet.title"), msg("statistics.reason"),
                List.of(msg("statistics.count")), rows, "bar", Set.of(0));
    }

    StatTable unmetTerritory(Cube cube, Map<String, String> epciNames) {
        List<String> codes = new ArrayList<>(cube.values(Grouping.EPCI));
        codes.sort(Comparator.comparingLong((String code) -> cube.get(Grouping.EPCI, "NO_SOLUTION", code, null).count())
                .reversed().thenComparing(code -> epciNames.getOrDefault(code, code)));
        List<Row> rows = new ArrayList<>();
        for (String code : codes) {
            Cell noSolution = cube.get(Grouping.EPCI, "NO_SOLUTION", code, null);
            Cell care = cube.get(Grouping.EPCI, "CARE_ARRANGED", code, null);
            Cell sent = cube.get(Grouping.EPCI, "SENT", code, null);
            if (noSolution.count() == 0 && care.count() == 0) {
                continue;
            }
            rows.add(new Row(epciNames.getOrDefault(code, code), List.of(Figure.count(noSolution, min),
                    Figure.count(care, min), Figure.count(sent, min))));
        }
        return new StatTable("unmet-territory", msg("statistics.unmetTerritory.title"), msg("statistics.epci"),
                List.of(msg("statistics.summary.noSolution"), msg("statistics.summary.careArranged"),
                        msg("statistics.summary.sent")),
                rows, "bar", Set.of(0, 1));
    }

    StatTable care(Cube cube) {
        Cell total = cube.total("CARE_ARRANGED");
        List<Row> rows = new ArrayList<>();
        for (ProviderKind kind : ProviderKind.values()) {
            Cell cell = cube.get(Grouping.PROVIDER_KIND, "CARE_ARRANGED", kind.name(), null);
            rows.add(new Row(msg("routing.providerKind." + kind.name()), List.of(Figure.count(cell, min),
                    Figure.rate(cell.count(), cell.families(), total.count(), total.families(), min))));
        }
        return new StatTable("care", msg("statistics.care.title"), msg("statistics.providerKind"),
                List.of(msg("statistics.count"), msg("statistics.share")), rows, "bar", Set.of(0));
    }

    StatTable places(List<StatisticsQueries.PlacesRow> places) {
        List<Row> rows = new ArrayList<>();
        for (StatisticsQueries.PlacesRow p : places) {
            rows.add(new Row(msg("routing.providerKind." + p.providerKind()), List.of(
                    new Figure((double) p.providers(), false, Figure.Unit.COUNT),
                    new Figure((double) p.places(), false, Figure.Unit.COUNT),
                    new Figure((double) p.placeDays(), false, Figure.Unit.COUNT),
                    Figure.count(p.usedPlaceDays(), p.families(), min),
                    Figure.rate(p.usedPlaceDays(), p.families(), p.placeDays(), p.placeDays() > 0 ? min : 0, min))));
        }
        return new StatTable("places", msg("statistics.places.title"), msg("statistics.providerKind"),
                List.of(msg("statistics.places.providers"), msg("statistics.places.places"),
                        msg("statistics.places.available"), msg("statistics.places.used"),
                        msg("statistics.places.occupancy")),
                rows, "bar", Set.of(2, 3));
    }

    StatTable outcomes(Cube cube) {
        Cell total = cube.total("OUTCOME");
        List<Row> rows = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            Cell cell = cube.get(Grouping.REASON, "OUTCOME", outcome.name(), null);
            rows.add(new Row(msg("referral.outcome." + outcome.name()), List.of(Figure.count(cell, min),
                    Figure.rate(cell.count(), cell.families(), total.count(), total.families(), min))));
        }
        return new StatTable("outcomes", msg("statistics.outcomes.title"), msg("statistics.outcome"),
                List.of(msg("statistics.count"), msg("statistics.share")), rows, "bar", Set.of(0));
    }

    StatTable breakdown(Cube cube, Breakdown breakdown, Map<String, String> names) {
        List<String> values = new ArrayList<>(cube.values(Grouping.BREAKDOWN));
        values.sort(Comparator.comparing(value -> label(breakdown, value, names)));
        List<Row> rows = new ArrayList<>();
        for (String value : values) {
            Cell care = cube.get(Grouping.BREAKDOWN, "CARE_ARRANGED", value, null);
            rows.add(new Row(label(breakdown, value, names), List.of(
                    Figure.count(cube.get(Grouping.BREAKDOWN, "SENT", value, null), min),
                    Figure.hitRate(cube.get(Grouping.BREAKDOWN, "DECIDED", value, null), min),
                    Figure.count(care, min),
                    Figure.count(cube.get(Grouping.BREAKDOWN, "NO_SOLUTION", value, null), min),
                    Figure.hours(care.median(), care.timedFamilies(), min),
                    Figure.hitRate(cube.get(Grouping.BREAKDOWN, "OUTCOME", value, null), min))));
        }
        return new StatTable("breakdown", msg("statistics.breakdown.title." + breakdown.name()),
                msg("statistics.breakdown." + breakdown.name()),
                List.of(msg("statistics.summary.sent"), msg("statistics.summary.eligibilityRate"),
                        msg("statistics.summary.careArranged"), msg("statistics.summary.noSolution"),
                        msg("statistics.breakdown.medianToCare"), msg("statistics.summary.returnToWorkRate")),
                rows, "bar", Set.of(0, 2, 3));
    }

    private String label(Breakdown breakdown, String value, Map<String, String> names) {
        if (value == null) {
            return msg("statistics.unknown");
        }
        return switch (breakdown) {
            case NEED -> msg("referral.need." + value);
            case PURPOSE -> msg("referral.purpose." + value);
            default -> names.getOrDefault(value, value);
        };
    }

    private Row row(String key, Figure figure) {
        return new Row(msg(key), List.of(figure));
    }

    private String msg(String key) {
        return messages.getMessage(key, null, locale);
    }
}
