package fr.passerelle.allowance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A month's statement from its facts, without a database (unit-tested against hand-computed months). Each day is paid
 * with the rule version in force that day, so a version taking effect mid-month splits the month; the month's own
 * amount is then capped by the cap of the version in force on its last day; adjustments come after the cap.
 * <ul>
 * <li>care: every day of an accepted offer's care period within the month, on the referral's days of the week (every
 * day when it has none, as for occasional care), minus her absences, is planned; the days she confirms are paid;</li>
 * <li>a place kept: each free place declared is paid the monthly amount pro rata of the month's days she is not
 * away, computed exactly and rounded once to the cent (half up).</li>
 * </ul>
 */
final class StatementCalculator {

    private StatementCalculator() {
    }

    /** A care arranged through Passerelle: the accepted offer, its care period and days of the week. */
    record Care(long offerId, LocalDate firstDay, LocalDate lastDay, Set<DayOfWeek> days) {
    }

    /** A period she declared herself away. */
    record Away(LocalDate firstDay, LocalDate lastDay) {

        boolean covers(LocalDate day) {
            return !day.isBefore(firstDay) && !day.isAfter(lastDay);
        }
    }

    /** A correction of an earlier, validated statement. */
    record Adjustment(long id, long correctsId, long amountCents, String reason) {
    }

    /** A care line: every day of the period in the month, the planned ones, the confirmed ones, and the amount. */
    record CareLine(long offerId, List<LocalDate> periodDays, List<LocalDate> plannedDays,
            List<LocalDate> confirmedDays, long amountCents) {
    }

    record PlaceLine(int places, int days, long amountCents) {
    }

    record Result(List<CareLine> care, PlaceLine place, List<Adjustment> adjustments, long cappedCents,
            long totalCents, Set<Long> ruleIds) {

        boolean isEmpty() {
            return care.isEmpty() && place == null && adjustments.isEmpty();
        }
    }

    static Result compute(YearMonth month, List<AllowanceRule> rules, List<Care> cares, List<Away> absences,
            int freePlaces, List<Adjustment> adjustments) {
        List<AllowanceRule> sorted = rules.stream().sorted(Comparator.comparing(AllowanceRule::effectiveFrom)).toList();
        Set<Long> used = new LinkedHashSet<>();
        List<CareLine> lines = new ArrayList<>();
        for (Care care : cares) {
            List<LocalDate> period = new ArrayList<>();
            List<LocalDate> planned = new ArrayList<>();
            for (LocalDate day = max(care.firstDay(), month.atDay(1)); !day.isAfter(min(care.lastDay(),
                    month.atEndOfMonth())); day = day.plusDays(1)) {
                period.add(day);
                LocalDate d = day;
                boolean onDay = care.days().isEmpty() || care.days().contains(day.getDayOfWeek());
                if (onDay && absences.stream().noneMatch(a -> a.covers(d))) {
                    planned.add(day);
                }
            }
            if (!period.isEmpty()) {
                lines.add(new CareLine(care.offerId(), period, planned, planned, careAmount(sorted, planned, used)));
            }
        }
        PlaceLine place = null;
        if (freePlaces > 0) {
            long numerator = 0;
            int days = 0;
            int monthDays = month.lengthOfMonth();
            for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
                LocalDate d = day;
                AllowanceRule rule = ruleOn(sorted, day);
                if (rule == null || absences.stream().anyMatch(a -> a.covers(d))) {
                    continue;
                }
                days++;
                if (rule.perPlaceMonthCents() > 0) {
                    used.add(rule.id());
                }
                numerator += rule.perPlaceMonthCents() * freePlaces;
            }
            // One division for the whole month: exact, rounded once.
            long amount = BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(monthDays), 0, RoundingMode.HALF_UP)
                    .longValueExact();
            if (days > 0 && amount > 0) {
                place = new PlaceLine(freePlaces, days, amount);
            }
        }
        return total(month, sorted, lines, place, adjustments, used);
    }

    /** The statement again once she corrected the days of its care lines. */
    static Result recompute(YearMonth month, List<AllowanceRule> rules, List<CareLine> care, PlaceLine place,
            List<Adjustment> adjustments) {
        List<AllowanceRule> sorted = rules.stream().sorted(Comparator.comparing(AllowanceRule::effectiveFrom)).toList();
        Set<Long> used = new LinkedHashSet<>();
        List<CareLine> lines = care.stream().map(line -> new CareLine(line.offerId(), line.periodDays(),
                line.plannedDays(), line.confirmedDays(), careAmount(sorted, line.confirmedDays(), used))).toList();
        if (place != null) {
            ruleIdsOfMonth(month, sorted, used);
        }
        return total(month, sorted, lines, place, adjustments, used);
    }

    private static Result total(YearMonth month, List<AllowanceRule> sorted, List<CareLine> lines, PlaceLine place,
            List<Adjustment> adjustments, Set<Long> used) {
        long own = lines.stream().mapToLong(CareLine::amountCents).sum() + (place == null ? 0 : place.amountCents());
        AllowanceRule last = ruleOn(sorted, month.atEndOfMonth());
        long capped = own;
        if (last != null && last.monthlyCapCents() != null && own > last.monthlyCapCents()) {
            capped = last.monthlyCapCents();
            used.add(last.id());
        }
        long total = capped + adjustments.stream().mapToLong(Adjustment::amountCents).sum();
        return new Result(lines, place, List.copyOf(adjustments), capped, total, used);
    }

    private static void ruleIdsOfMonth(YearMonth month, List<AllowanceRule> sorted, Set<Long> used) {
        for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
            AllowanceRule rule = ruleOn(sorted, day);
            if (rule != null) {
                used.add(rule.id());
            }
        }
    }

    private static long careAmount(List<AllowanceRule> sorted, List<LocalDate> days, Set<Long> used) {
        long amount = 0;
        for (LocalDate day : days) {
            AllowanceRule rule = ruleOn(sorted, day);
            if (rule != null) {
                amount += rule.perCareDayCents();
                used.add(rule.id());
            }
        }
        return amount;
    }

    /** The version in force on that day: the latest to take effect on or before it. */
    static AllowanceRule ruleOn(List<AllowanceRule> sorted, LocalDate day) {
        AllowanceRule found = null;
        for (AllowanceRule rule : sorted) {
            if (!rule.effectiveFrom().isAfter(day)) {
                found = rule;
            }
        }
        return found;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
