package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

/** Dates and times as the pages write them. */
class DatesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final Dates dates = new Dates(Clock.fixed(Instant.parse("2027-01-12T10:00:00Z"), PARIS));

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aDateATimeAndADateTimeInItsZoneWithThePagesPatterns() {
        LocaleContextHolder.setLocale(Locale.FRENCH);

        assertThat(dates.format(LocalDate.of(2027, 1, 5), "dd/MM/yyyy")).isEqualTo("05/01/2027");
        assertThat(dates.format(LocalTime.of(8, 30), "HH:mm")).isEqualTo("08:30");
        assertThat(dates.format(Instant.parse("2027-07-01T22:15:00Z").atZone(PARIS), "dd/MM/yyyy HH:mm"))
                .isEqualTo("02/07/2027 00:15");
        assertThat(dates.format(null, "dd/MM/yyyy")).isNull();
    }

    @Test
    void anInstantInTheApplicationsZone() {
        assertThat(dates.format(Instant.parse("2027-01-12T23:30:00Z"), "dd/MM/yyyy HH:mm"))
                .isEqualTo("13/01/2027 00:30");
    }

    @Test
    void daysNamedInTheRequestsLanguage() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
        assertThat(dates.format(LocalDate.of(2027, 1, 12), "EEE dd/MM")).isEqualTo("mar. 12/01");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(dates.format(LocalDate.of(2027, 1, 12), "EEE dd/MM")).isEqualTo("Tue 12/01");
    }
}
