package fr.passerelle.statistics;

import java.util.List;
import java.util.Set;

/**
 * One table of the statistics page, exported as CSV as it is shown.
 *
 * @param id its name in the page and in the export's address
 * @param title its caption
 * @param labelHeader the header of its first column (the rows' labels)
 * @param columns the headers of its figures
 * @param rows its rows
 * @param chart how it is drawn ({@code bar}, {@code line}), or null for a table alone
 * @param series the columns drawn (indexes into {@code columns})
 */
public record StatTable(String id, String title, String labelHeader, List<String> columns, List<Row> rows,
        String chart, Set<Integer> series) {

    /** A row: its label and a figure per column. */
    public record Row(String label, List<Figure> figures) {
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public boolean drawn(int column) {
        return chart != null && series.contains(column);
    }
}
