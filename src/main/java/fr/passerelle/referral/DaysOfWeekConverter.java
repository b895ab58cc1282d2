package fr.passerelle.referral;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Set;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Days of the week as a bit set (Monday = 1 … Sunday = 64): one small column, easy to query. */
@Converter
class DaysOfWeekConverter implements AttributeConverter<Set<DayOfWeek>, Short> {

    @Override
    public Short convertToDatabaseColumn(Set<DayOfWeek> days) {
        int bits = 0;
        if (days != null) {
            for (DayOfWeek day : days) {
                bits |= 1 << (day.getValue() - 1);
            }
        }
        return (short) bits;
    }

    @Override
    public Set<DayOfWeek> convertToEntityAttribute(Short bits) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (bits != null && (bits & (1 << (day.getValue() - 1))) != 0) {
                days.add(day);
            }
        }
        return days;
    }
}
