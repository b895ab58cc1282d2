package fr.passerelle.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The aggregates of one scope and period, by kind of event and one of its groupings (reason, reason and detail,
 * provider kind, provider kind and reason, trend bucket, breakdown value, EPCI), as one query returned them.
 */
public final class Cube {

    /** The groupings of the query, each a grouping set of {@code StatisticsQueries.CUBE}. */
    enum Grouping { TOTAL, REASON, REASON_DETAIL, PROVIDER_KIND, PROVIDER_KIND_REASON, BUCKET, BREAKDOWN, EPCI }

    record Key(Grouping grouping, String kind, String first, String second) {
    }

    private final Map<Key, Cell> cells = new LinkedHashMap<>();

    /** One cell with its place, as kept with a view's figures ({@code statistics_view}). */
    record Entry(Grouping grouping, String kind, String first, String second, Cell cell) {
    }

    static Cube of(List<Entry> entries) {
        Cube cube = new Cube();
        entries.forEach(entry -> cube.put(entry.grouping(), entry.kind(), entry.first(), entry.second(),
                entry.cell()));
        return cube;
    }

    void put(Grouping grouping, String kind, String first, String second, Cell cell) {
        cells.put(new Key(grouping, kind, first, second), cell);
    }

    /** Every cell, in the query's order. */
    List<Entry> entries() {
        return cells.entrySet().stream().map(cell -> new Entry(cell.getKey().grouping(), cell.getKey().kind(),
                cell.getKey().first(), cell.getKey().second(), cell.getValue())).toList();
    }

    /** All the events of a kind. */
    public Cell total(String kind) {
        return get(Grouping.TOTAL, kind, null, null);
    }

    public Cell get(Grouping grouping, String kind, String first, String second) {
        return cells.getOrDefault(new Key(grouping, kind, first, second), Cell.EMPTY);
    }

    /** The values of the first grouping column met for a kind, in the query's order. */
    public List<String> values(Grouping grouping, String kind) {
        List<String> values = new ArrayList<>();
        for (Key key : cells.keySet()) {
            if (key.grouping() == grouping && key.kind().equals(kind) && !values.contains(key.first())) {
                values.add(key.first());
            }
        }
        return values;
    }

    /** The buckets met for any kind, in order. */
    public List<LocalDate> buckets() {
        return cells.keySet().stream().filter(key -> key.grouping() == Grouping.BUCKET)
                .map(key -> LocalDate.parse(key.first())).distinct().sorted().toList();
    }

    /** Every breakdown value (or EPCI) met for any kind. */
    public List<String> values(Grouping grouping) {
        return cells.keySet().stream().filter(key -> key.grouping() == grouping).map(Key::first)
                .filter(Objects::nonNull).distinct().toList();
    }
}
