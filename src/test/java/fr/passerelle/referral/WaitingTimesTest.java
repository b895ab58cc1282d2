package fr.passerelle.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import fr.passerelle.support.TestMessages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

/** How long something has waited, as the queues write it. */
class WaitingTimesTest {

    private static final Instant NOW = Instant.parse("2027-01-12T10:00:00Z");

    private final WaitingTimes waiting = new WaitingTimes(TestMessages.source());

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void wholeMinutesUnderAnHourWholeHoursUnderADayThenWholeDays() {
        LocaleContextHolder.setLocale(Locale.FRENCH);

        assertThat(waiting.text(NOW.minusSeconds(59), NOW)).isEqualTo("0 min");
        assertThat(waiting.text(NOW.minus(Duration.ofMinutes(59)), NOW)).isEqualTo("59 min");
        assertThat(waiting.text(NOW.minus(Duration.ofMinutes(60)), NOW)).isEqualTo("1 h");
        assertThat(waiting.text(NOW.minus(Duration.ofMinutes(1439)), NOW)).isEqualTo("23 h");
        assertThat(waiting.text(NOW.minus(Duration.ofDays(2).plusHours(5)), NOW)).isEqualTo("2 j");
    }

    @Test
    void inTheRequestsLanguage() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);

        assertThat(waiting.text(NOW.minus(Duration.ofDays(3)), NOW)).isEqualTo("3 d");
    }
}
