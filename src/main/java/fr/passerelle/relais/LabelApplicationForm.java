package fr.passerelle.relais;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The childminder's application, as she fills it in. */
public class LabelApplicationForm {

    /** Her availability in her own words: hours, periods, how soon she can take a child. */
    @NotBlank
    @Size(max = 1000)
    private String availability;

    /** The days she can take a child; optional, the text may say it. */
    private Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);

    @NotNull
    @Min(0)
    @Max(144)
    private Integer minAgeMonths = 0;

    @NotNull
    @Min(0)
    @Max(144)
    private Integer maxAgeMonths = 132;

    LabelApplications.Request request() {
        return new LabelApplications.Request(availability, days == null ? Set.of() : days, minAgeMonths,
                maxAgeMonths);
    }

    public String getAvailability() {
        return availability;
    }

    public void setAvailability(String availability) {
        this.availability = availability;
    }

    public Set<DayOfWeek> getDays() {
        return days;
    }

    public void setDays(Set<DayOfWeek> days) {
        this.days = days;
    }

    public Integer getMinAgeMonths() {
        return minAgeMonths;
    }

    public void setMinAgeMonths(Integer minAgeMonths) {
        this.minAgeMonths = minAgeMonths;
    }

    public Integer getMaxAgeMonths() {
        return maxAgeMonths;
    }

    public void setMaxAgeMonths(Integer maxAgeMonths) {
        this.maxAgeMonths = maxAgeMonths;
    }
}
