package fr.passerelle.allowance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The computation against months worked out by hand (November 2026: 30 days, the 1st a Sunday). */
class StatementCalculatorTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    private static AllowanceRule rule(long id, LocalDate from, long perDay, long perPlace, Long cap) {
        return new AllowanceRule(id, from, perDay, perPlace, cap, 0, false);
    }

    private static final Set<DayOfWeek> MON_TUE_THU = EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.THURSDAY);

    @Test
    void aRegularCareIsPaidOnItsDaysOfTheWeekWithinThePeriodOnly() {
        // Care from Wednesday 11 to Friday 20 November on Mondays, Tuesdays, Thursdays: 12, 16, 17, 19 = 4 days.
        var result = StatementCalculator.compute(NOVEMBER, List.of(rule(1, LocalDate.of(2026, 1, 1), 1500, 0, null)),
                List.of(new StatementCalculator.Care(7, LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 20),
                        MON_TUE_THU)), List.of(), 0, List.of());

        assertThat(result.care()).singleElement().satisfies(line -> {
            assertThat(line.periodDays()).hasSize(10);
            assertThat(line.plannedDays()).containsExactly(LocalDate.of(2026, 11, 12), LocalDate.of(2026, 11, 16),
                    LocalDate.of(2026, 11, 17), LocalDate.of(2026, 11, 19));
            assertThat(line.amountCents()).isEqualTo(6000);
        });
        assertThat(result.totalCents()).isEqualTo(6000);
    }

    @Test
    void aRuleChangeInMidMonthPaysEachDayAtTheVersionInForceThatDay() {
        // Mondays, Tuesdays, Thursdays of November: 2 3 5 9 10 12 16 17 19 23 24 26 30 = 13 days.
        // 15.00 € until the 15th (2 3 5 9 10 12: 6 days), 18.00 € from the 16th (7 days): 90.00 + 126.00 = 216.00 €.
        var result = StatementCalculator.compute(NOVEMBER, List.of(
                        rule(1, LocalDate.of(2026, 1, 1), 1500, 0, null),
                        rule(2, LocalDate.of(2026, 11, 16), 1800, 0, null)),
                List.of(new StatementCalculator.Care(7, LocalDate.of(2026, 10, 1), LocalDate.of(2027, 3, 31),
                        MON_TUE_THU)), List.of(), 0, List.of());

        assertThat(result.care().get(0).plannedDays()).hasSize(13);
        assertThat(result.totalCents()).isEqualTo(21600);
        assertThat(result.ruleIds()).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void absenceDaysAreNeitherPlannedNorCountedAsAPlaceKept() {
        // Away 9 to 13 November (5 days): planned days lose 9 10 12 → 10 days × 15.00 € = 150.00 €.
        // One free place at 60.00 € a month, kept 25 days of 30: 60.00 × 25 / 30 = 50.00 €.
        var result = StatementCalculator.compute(NOVEMBER, List.of(rule(1, LocalDate.of(2026, 1, 1), 1500, 6000,
                        null)),
                List.of(new StatementCalculator.Care(7, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30),
                        MON_TUE_THU)),
                List.of(new StatementCalculator.Away(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 13))), 1,
                List.of());

        assertThat(result.care().get(0).plannedDays()).hasSize(10)
                .doesNotContain(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 12));
        assertThat(result.place().days()).isEqualTo(25);
        assertThat(result.place().amountCents()).isEqualTo(5000);
        assertThat(result.totalCents()).isEqualTo(20000);
    }

    @Test
    void aPlaceKeptAcrossARuleChangeIsProRataOfEachVersionRoundedOnceToTheCent() {
        // Two places; 50.00 € until the 10th (10 days), 70.00 € from the 11th (20 days):
        // (5000 × 2 × 10 + 7000 × 2 × 20) / 30 = 380000 / 30 = 12666.67 cents → 126.67 €.
        var result = StatementCalculator.compute(NOVEMBER, List.of(
                        rule(1, LocalDate.of(2026, 1, 1), 0, 5000, null),
                        rule(2, LocalDate.of(2026, 11, 11), 0, 7000, null)),
                List.of(), List.of(), 2, List.of());

        assertThat(result.place().amountCents()).isEqualTo(12667);
        assertThat(result.totalCents()).isEqualTo(12667);
    }

    @Test
    void theCapOfTheVersionInForceOnTheLastDayLimitsTheMonthButNotTheAdjustments() {
        // 13 days × 20.00 € = 260.00 €, capped at 200.00 €; an adjustment of -12.34 € comes after the cap.
        var result = StatementCalculator.compute(NOVEMBER, List.of(rule(1, LocalDate.of(2026, 1, 1), 2000, 0,
                        20000L)),
                List.of(new StatementCalculator.Care(7, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30),
                        MON_TUE_THU)), List.of(), 0,
                List.of(new StatementCalculator.Adjustment(1, 99, -1234, "trop-perçu")));

        assertThat(result.cappedCents()).isEqualTo(20000);
        assertThat(result.totalCents()).isEqualTo(18766);
    }

    @Test
    void anOccasionalCareWithoutDaysOfTheWeekIsPaidEveryDayOfAPartialWeek() {
        // Occasional care from Friday 27 to Monday 30 November: 4 days; no rule before the 28th: 3 days paid.
        var result = StatementCalculator.compute(NOVEMBER, List.of(rule(1, LocalDate.of(2026, 11, 28), 1000, 0,
                        null)),
                List.of(new StatementCalculator.Care(7, LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 30),
                        Set.of())), List.of(), 0, List.of());

        assertThat(result.care().get(0).plannedDays()).hasSize(4);
        assertThat(result.totalCents()).isEqualTo(3000);
    }

    @Test
    void confirmedDaysReplaceThePlannedOnesInTheAmount() {
        var computed = StatementCalculator.compute(NOVEMBER, List.of(rule(1, LocalDate.of(2026, 1, 1), 1500, 0,
                        null)),
                List.of(new StatementCalculator.Care(7, LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 6),
                        Set.of())), List.of(), 0, List.of());
        var line = computed.care().get(0);
        var corrected = new StatementCalculator.CareLine(7, line.periodDays(), line.plannedDays(),
                line.plannedDays().subList(0, 3), 0);

        var result = StatementCalculator.recompute(NOVEMBER, List.of(rule(1, LocalDate.of(2026, 1, 1), 1500, 0,
                null)), List.of(corrected), null, List.of());

        assertThat(computed.totalCents()).isEqualTo(7500);
        assertThat(result.totalCents()).isEqualTo(4500);
    }
}
