package fr.passerelle.routing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;

import fr.passerelle.routing.offer.TimeLeft;
import fr.passerelle.support.TestMessages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

/** The time left before an offer's deadline, or how late it is, as the officer's pages write it. */
class TimesLeftTest {

    private final TimesLeft timesLeft = new TimesLeft(TestMessages.source());

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void minutesUnderAnHourHoursAndMinutesUnderTwoDaysThenDaysAndHours() {
        LocaleContextHolder.setLocale(Locale.FRENCH);

        assertThat(timesLeft.text(left(Duration.ofSeconds(30)))).isEqualTo("1 min restantes");
        assertThat(timesLeft.text(left(Duration.ofMinutes(59)))).isEqualTo("59 min restantes");
        assertThat(timesLeft.text(left(Duration.ofMinutes(60)))).isEqualTo("1 h 0 min restantes");
        assertThat(timesLeft.text(left(Duration.ofHours(47).plusMinutes(59)))).isEqualTo("47 h 59 min restantes");
        assertThat(timesLeft.text(left(Duration.ofHours(48)))).isEqualTo("2 j 0 h restants");
        assertThat(timesLeft.text(left(Duration.ofDays(3).plusHours(5)))).isEqualTo("3 j 5 h restants");
    }

    @Test
    void onceLateHowLateAndNothingBesideTheBadgeUnderAMinute() {
        LocaleContextHolder.setLocale(Locale.FRENCH);

        assertThat(timesLeft.text(late(Duration.ZERO))).isNull();
        assertThat(timesLeft.text(late(Duration.ofSeconds(59)))).isNull();
        assertThat(timesLeft.text(late(Duration.ofMinutes(5)))).isEqualTo("de 5 min");
        assertThat(timesLeft.text(late(Duration.ofHours(3).plusMinutes(12)))).isEqualTo("de 3 h 12 min");
        assertThat(timesLeft.text(late(Duration.ofDays(2).plusHours(4)))).isEqualTo("de 2 j 4 h");
    }

    @Test
    void inTheRequestsLanguage() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);

        assertThat(timesLeft.text(left(Duration.ofHours(3).plusMinutes(12)))).isEqualTo("3 h 12 min left");
        assertThat(timesLeft.text(late(Duration.ofDays(2).plusHours(4)))).isEqualTo("by 2 d 4 h");
    }

    private static TimeLeft left(Duration duration) {
        return new TimeLeft(false, duration);
    }

    private static TimeLeft late(Duration duration) {
        return new TimeLeft(true, duration);
    }
}
