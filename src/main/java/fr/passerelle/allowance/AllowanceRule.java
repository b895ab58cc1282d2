package fr.passerelle.allowance;

import java.time.LocalDate;

/**
 * One version of a Caf's allowance rules, in force from {@code effectiveFrom} until the next version's first day.
 * Amounts in euro cents; zero means not paid, a null cap means no cap.
 *
 * @param perCareDayCents   per day of care of a child placed through Passerelle
 * @param perPlaceMonthCents per month while a labelled place is kept available (per free place declared)
 * @param monthlyCapCents   the most a statement pays for its month (adjustments aside), or null
 */
public record AllowanceRule(long id, LocalDate effectiveFrom, long perCareDayCents, long perPlaceMonthCents,
        Long monthlyCapCents, long version, boolean used) {
}
