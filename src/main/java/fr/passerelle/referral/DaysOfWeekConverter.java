package fr.passerelle.referral;

import java.time.DayOfWeek;
import java.util.Set;

import fr.passerelle.system.WeekDays;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Days of the week as a bit set (Monday = 1 … Sunday = 64): one small column, easy to query. */
@Converter
class DaysOfWeekConverter implements AttributeConverter<Set<DayOfWeek>, Short> {

    @Override
    public Short convertToDatabaseColumn(Set<DayOfWeek> days) {
        return WeekDays.bits(days);
    }

    @Override
    public Set<DayOfWeek> convertToEntityAttribute(Short bits) {
        return WeekDays.of(bits == null ? 0 : bits);
    }
}
