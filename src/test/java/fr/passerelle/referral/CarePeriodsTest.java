package fr.passerelle.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;

import fr.passerelle.support.TestMessages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

/** The care period as the pages write it, in French and in English. */
class CarePeriodsTest {

    private static final LocalDate FIRST = LocalDate.of(2027, 1, 12);

    private final CarePeriods periods = new CarePeriods(TestMessages.source());

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void oneDayWithoutALastDayOrWithTheSameOneAndARangeOtherwise() {
        LocaleContextHolder.setLocale(Locale.FRENCH);

        assertThat(periods.text(FIRST, null)).isEqualTo("Le 12/01/2027");
        assertThat(periods.text(FIRST, FIRST)).isEqualTo("Le 12/01/2027");
        assertThat(periods.text(FIRST, FIRST.plusDays(4))).isEqualTo("Du 12/01/2027 au 16/01/2027");
    }

    @Test
    void inTheRequestsLanguage() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);

        assertThat(periods.text(FIRST, null)).isEqualTo("On 12/01/2027");
        assertThat(periods.text(FIRST, FIRST.plusDays(4))).isEqualTo("From 12/01/2027 to 16/01/2027");
    }
}
