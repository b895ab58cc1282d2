package fr.passerelle.system;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The plausible range of every date the product stores, in one place for the forms and the CSV import alike. Each
 * check answers with the refusal to show next to the field (a message key and its arguments), or nothing when the
 * date is plausible. The bounds that must never be crossed whatever the configuration are also CHECK constraints
 * ({@code V19__date_ranges.sql}); the start-up refuses a setting beyond them.
 *
 * @param childMaxAgeYears   a child's birth date is at most this many years back (a child is a minor: at most 18)
 * @param careHorizon        a care period (first and last day, and the purpose's date) lies between today and today
 *                           plus this (at most 2 years, the bound of the database)
 * @param labelMaxLength     an AVIP label lasts at most this long from its first day (at most 5 years, an
 *                           agreement's length), and never past the childminder's agreement end
 * @param agreementMaxLength a childminder's agreement ends at most this long from today (5 years, CASF)
 */
@ConfigurationProperties("passerelle.dates")
public record DatePolicy(
        @DefaultValue("18") int childMaxAgeYears,
        @DefaultValue("P12M") Period careHorizon,
        @DefaultValue("P5Y") Period labelMaxLength,
        @DefaultValue("P5Y") Period agreementMaxLength) {

    /** Dates in a message as people write them, in both locales. */
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    /** The outer bound of {@link #careHorizon}, kept by the database too. */
    public static final Period MAX_CARE_HORIZON = Period.ofYears(2);

    /** The outer bound of {@link #labelMaxLength} and {@link #agreementMaxLength}, kept by the database too. */
    public static final Period MAX_LENGTH = Period.ofYears(5);

    /** The same defaults as {@code application.yml}, for tests and tools built without Spring. */
    public static DatePolicy defaults() {
        return new DatePolicy(18, Period.ofMonths(12), Period.ofYears(5), Period.ofYears(5));
    }

    public DatePolicy {
        // Fail at start-up rather than accept what the database will refuse, or refuse everything.
        if (childMaxAgeYears < 1 || childMaxAgeYears > 18) {
            throw new IllegalArgumentException(
                    "passerelle.dates.child-max-age-years must be between 1 and 18, was " + childMaxAgeYears);
        }
        requireWithin("care-horizon", careHorizon, MAX_CARE_HORIZON);
        requireWithin("label-max-length", labelMaxLength, MAX_LENGTH);
        requireWithin("agreement-max-length", agreementMaxLength, MAX_LENGTH);
    }

    private static void requireWithin(String name, Period period, Period max) {
        LocalDate origin = LocalDate.of(2000, 1, 1);
        if (period == null || period.isNegative() || period.isZero()
                || origin.plus(period).isAfter(origin.plus(max))) {
            throw new IllegalArgumentException("passerelle.dates." + name + " must be a positive period of at most "
                    + max + ", was " + period);
        }
    }

    /** A date refused: the message key to show next to its field, with its arguments. */
    public record Refusal(String code, Object... arguments) {
    }

    /** A child's birth date: not in the future, not more than {@link #childMaxAgeYears} back. */
    public Optional<Refusal> checkBirthDate(LocalDate birthDate, LocalDate today) {
        if (birthDate == null) {
            return Optional.empty();
        }
        if (birthDate.isAfter(today)) {
            return refuse("dates.birthDate.future");
        }
        if (birthDate.isBefore(today.minusYears(childMaxAgeYears))) {
            return refuse("dates.birthDate.tooOld", childMaxAgeYears);
        }
        return Optional.empty();
    }

    /** A day of care (first or last): from today to today plus the {@link #careHorizon}. */
    public Optional<Refusal> checkCareDay(LocalDate day, LocalDate today) {
        if (day == null) {
            return Optional.empty();
        }
        if (day.isBefore(today)) {
            return refuse("dates.care.past");
        }
        if (day.isAfter(careHorizonEnd(today))) {
            return refuse("dates.care.beyondHorizon", careHorizonEnd(today));
        }
        return Optional.empty();
    }

    /**
     * The date of the interview, training or job: within the {@link #careHorizon} either side of today (the job
     * may have started a little before care is asked for).
     */
    public Optional<Refusal> checkPurposeDate(LocalDate day, LocalDate today) {
        return withinHorizonAround(day, today, "dates.purpose.outOfRange");
    }

    /** The last day a care period may reach when asked for {@code today}. */
    public LocalDate careHorizonEnd(LocalDate today) {
        return today.plus(careHorizon);
    }

    /** A childminder's agreement end: not past (unless it was already so), at most {@link #agreementMaxLength} on. */
    public Optional<Refusal> checkAgreementEnd(LocalDate end, LocalDate today) {
        if (end == null) {
            return Optional.empty();
        }
        if (end.isAfter(today.plus(agreementMaxLength))) {
            return refuse("dates.agreement.tooLate", today.plus(agreementMaxLength));
        }
        return Optional.empty();
    }

    /**
     * The first day of a label granted {@code today}: within the {@link #careHorizon} either side (a decision
     * recorded late, or one taking effect soon).
     */
    public Optional<Refusal> checkLabelStart(LocalDate validFrom, LocalDate today) {
        return withinHorizonAround(validFrom, today, "dates.label.startOutOfRange");
    }

    /** A day of a childminder's absence: within the {@link #careHorizon} either side of today. */
    public Optional<Refusal> checkAbsenceDay(LocalDate day, LocalDate today) {
        return withinHorizonAround(day, today, "dates.absence.outOfRange");
    }

    /** {@code day} lies within the {@link #careHorizon} either side of today, or is refused with {@code code}. */
    private Optional<Refusal> withinHorizonAround(LocalDate day, LocalDate today, String code) {
        if (day != null && (day.isBefore(today.minus(careHorizon)) || day.isAfter(careHorizonEnd(today)))) {
            return refuse(code, today.minus(careHorizon), careHorizonEnd(today));
        }
        return Optional.empty();
    }

    /**
     * The last day of a label, granted or renewed: at most {@link #labelMaxLength} after its first day, and not
     * past the childminder's agreement end.
     */
    public Optional<Refusal> checkLabelEnd(LocalDate validFrom, LocalDate validTo, LocalDate agreementEnd) {
        if (validFrom == null || validTo == null) {
            return Optional.empty();
        }
        LocalDate longest = labelEndLimit(validFrom);
        if (validTo.isAfter(longest)) {
            return refuse("dates.label.tooLong", longest);
        }
        if (agreementEnd != null && validTo.isAfter(agreementEnd)) {
            return refuse("dates.label.afterAgreement", agreementEnd);
        }
        return Optional.empty();
    }

    /** The last day a label starting on {@code validFrom} may have. */
    public LocalDate labelEndLimit(LocalDate validFrom) {
        return validFrom.plus(labelMaxLength).minusDays(1);
    }

    private static Optional<Refusal> refuse(String code, Object... arguments) {
        Object[] shown = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            shown[i] = arguments[i] instanceof LocalDate date ? SHOWN.format(date) : arguments[i];
        }
        return Optional.of(new Refusal(code, shown));
    }
}
