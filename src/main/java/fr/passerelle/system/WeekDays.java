package fr.passerelle.system;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Set;

/**
 * Days of the week as a bit set (Monday = 1 … Sunday = 64), as the referrals' regular days and the label
 * applications' days are stored: one small column, easy to query.
 */
public final class WeekDays {

    private WeekDays() {
    }

    /** The bits of these days; none for {@code null}. */
    public static short bits(Set<DayOfWeek> days) {
        int bits = 0;
        if (days != null) {
            for (DayOfWeek day : days) {
                bits |= 1 << (day.getValue() - 1);
            }
        }
        return (short) bits;
    }

    /** The days these bits stand for. */
    public static Set<DayOfWeek> of(int bits) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if ((bits & (1 << (day.getValue() - 1))) != 0) {
                days.add(day);
            }
        }
        return days;
    }
}
