package fr.passerelle.statistics;

import java.time.LocalDate;

import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.Errors;

/**
 * The statistics page's filters, bound from the query string so that a view can be bookmarked and shared: the
 * period (this month, the last 3 or 12 months, or a range of days), the trend's buckets, the breakdown and the need
 * and purpose. A value that does not bind is said next to its field and the default is used.
 */
public class StatisticsFilter {

    /** The periods offered. */
    public enum PeriodChoice {
        /** From the first of this month to today. */
        MONTH,
        /** The last 3 months, today included. */
        QUARTER,
        /** The last 12 months, today included. */
        YEAR,
        /** The days given in {@code from} and {@code to}. */
        CUSTOM
    }

    /** Nothing happened before Passerelle existed, and a range longer than this is not an evaluation period. */
    static final LocalDate EARLIEST = LocalDate.of(2019, 1, 1);

    private PeriodChoice period;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate from;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate to;

    private Period.Trend trend;

    private Breakdown by;

    private CareNeed need;

    private Purpose purpose;

    /**
     * The period these filters choose on {@code today}. A custom range needs both days, the first not after the last,
     * within {@link #EARLIEST} and today; otherwise the errors are said next to the fields and the last 3 months are
     * shown. The trend is by week up to 3 months, by month beyond, unless chosen.
     */
    public Period resolve(LocalDate today, Errors errors) {
        if (period == null) {
            period = PeriodChoice.QUARTER;
        }
        PeriodChoice choice = period;
        LocalDate first;
        LocalDate last = today;
        switch (choice) {
            case MONTH -> first = today.withDayOfMonth(1);
            case YEAR -> first = today.minusMonths(12).plusDays(1);
            case CUSTOM -> {
                first = from;
                last = to;
                if (!errors.hasFieldErrors("from") && from == null) {
                    errors.rejectValue("from", "statistics.filter.from.required");
                }
                if (!errors.hasFieldErrors("to") && to == null) {
                    errors.rejectValue("to", "statistics.filter.to.required");
                }
                if (from != null && from.isBefore(EARLIEST)) {
                    errors.rejectValue("from", "statistics.filter.from.tooEarly");
                }
                if (to != null && to.isAfter(today)) {
                    errors.rejectValue("to", "statistics.filter.to.future");
                }
                if (from != null && to != null && to.isBefore(from)) {
                    errors.rejectValue("to", "statistics.filter.to.beforeFrom");
                }
                if (errors.hasFieldErrors("from") || errors.hasFieldErrors("to")) {
                    first = today.minusMonths(3).plusDays(1);
                    last = today;
                }
            }
            default -> first = today.minusMonths(3).plusDays(1);
        }
        Period.Trend buckets = trend != null ? trend
                : first.plusMonths(3).isAfter(last) ? Period.Trend.WEEK : Period.Trend.MONTH;
        return new Period(first, last, buckets);
    }

    /** The breakdown, by prescriber for the Caf and by need for an advisor unless chosen. */
    public Breakdown breakdown(boolean caf) {
        if (by == null || (by == Breakdown.PRESCRIBER && !caf)) {
            return caf ? Breakdown.PRESCRIBER : Breakdown.NEED;
        }
        return by;
    }

    public PeriodChoice getPeriod() {
        return period;
    }

    public void setPeriod(PeriodChoice period) {
        this.period = period;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public Period.Trend getTrend() {
        return trend;
    }

    public void setTrend(Period.Trend trend) {
        this.trend = trend;
    }

    public Breakdown getBy() {
        return by;
    }

    public void setBy(Breakdown by) {
        this.by = by;
    }

    public CareNeed getNeed() {
        return need;
    }

    public void setNeed(CareNeed need) {
        this.need = need;
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public void setPurpose(Purpose purpose) {
        this.purpose = purpose;
    }
}
