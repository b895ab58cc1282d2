package fr.passerelle.statistics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The days the figures cover, both included, and the size of the trend's buckets.
 *
 * @param from the first day
 * @param to the last day
 * @param trend {@code week} or {@code month}
 */
public record Period(LocalDate from, LocalDate to, Trend trend) {

    /** The buckets of the trend. */
    public enum Trend {
        /** Monday to Sunday. */
        WEEK,
        /** Calendar months. */
        MONTH;

        /** PostgreSQL's name of the unit, for {@code date_trunc}. */
        String unit() {
            return name().toLowerCase();
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
