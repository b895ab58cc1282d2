package fr.passerelle.statistics;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * One figure of a table: a count, a percentage or a delay in hours, or masked when it comes from too few families
 * (shown "&lt; 5" in the page and every export).
 */
public record Figure(Double value, boolean masked, Unit unit) {

    /** How the value reads. */
    public enum Unit { COUNT, PERCENT, HOURS }

    /** A count of events, masked when they come from fewer than {@code min} families. */
    static Figure count(long count, long families, int min) {
        return new Figure((double) count, families < min, Unit.COUNT);
    }

    /** A count of a group of events. */
    static Figure count(Cell cell, int min) {
        return count(cell.count(), cell.families(), min);
    }

    /** A share in percent, masked when its numerator or its denominator comes from fewer than {@code min} families. */
    static Figure rate(long numerator, long numeratorFamilies, long denominator, long denominatorFamilies, int min) {
        boolean masked = numeratorFamilies < min || denominatorFamilies < min || denominator == 0;
        return new Figure(denominator == 0 ? null : 100.0 * numerator / denominator, masked, Unit.PERCENT);
    }

    /** The share of a group's events that count in its rate. */
    static Figure hitRate(Cell cell, int min) {
        return rate(cell.hits(), cell.hitFamilies(), cell.count(), cell.families(), min);
    }

    /** A delay in hours, masked when the delays come from fewer than {@code min} families. */
    static Figure hours(Double hours, long families, int min) {
        return new Figure(hours, families < min || hours == null, Unit.HOURS);
    }

    /** The text of the page and of the CSV exports. */
    public String text(Locale locale, int min) {
        if (masked) {
            return "< " + min;
        }
        if (value == null) {
            return "—";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        return switch (unit) {
            case COUNT -> {
                format.setMaximumFractionDigits(0);
                yield format.format(value);
            }
            case PERCENT -> {
                format.setMaximumFractionDigits(1);
                yield format.format(value) + (locale.getLanguage().equals("fr") ? "\u00a0%" : "%");
            }
            case HOURS -> {
                format.setMaximumFractionDigits(1);
                yield format.format(value);
            }
        };
    }

    /** The plain number a chart draws, or an empty string for a masked figure (a gap in the chart). */
    public String chartValue() {
        if (masked || value == null) {
            return "";
        }
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}
