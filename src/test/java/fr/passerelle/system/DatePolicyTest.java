package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatePolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private final DatePolicy policy = DatePolicy.defaults();

    @ParameterizedTest
    @CsvSource({"2026-12-07, dates.birthDate.future", "1926-12-06, dates.birthDate.tooOld",
            "2008-12-05, dates.birthDate.tooOld", "2008-12-06, ", "2026-12-06, ", "2020-03-01, "})
    void aBirthDateIsAtMost18YearsBackAndNeverAhead(LocalDate birthDate, String refusal) {
        assertThat(policy.checkBirthDate(birthDate, TODAY).map(DatePolicy.Refusal::code).orElse(null))
                .isEqualTo(refusal);
    }

    @ParameterizedTest
    @CsvSource({"2026-12-05, dates.care.past", "2027-12-07, dates.care.beyondHorizon", "2099-12-31, dates.care.beyondHorizon",
            "2026-12-06, ", "2027-12-06, "})
    void aCareDayIsFromTodayToTheHorizon(LocalDate day, String refusal) {
        assertThat(policy.checkCareDay(day, TODAY).map(DatePolicy.Refusal::code).orElse(null)).isEqualTo(refusal);
    }

    @ParameterizedTest
    @CsvSource({"2026-12-06, 2031-12-06, 2032-01-01, dates.label.tooLong",
            "2026-12-06, 2099-12-31, 2100-01-01, dates.label.tooLong",
            "2026-12-06, 2029-12-06, 2028-06-30, dates.label.afterAgreement",
            "2026-12-06, 2031-12-05, 2032-01-01, ", "2026-12-06, 2028-06-30, 2028-06-30, "})
    void aLabelLastsAtMostFiveYearsAndNeverPastTheAgreement(LocalDate from, LocalDate to, LocalDate agreementEnd,
            String refusal) {
        assertThat(policy.checkLabelEnd(from, to, agreementEnd).map(DatePolicy.Refusal::code).orElse(null))
                .isEqualTo(refusal);
    }

    @Test
    void refusalsShowTheirLimitAsPeopleWriteDates() {
        assertThat(policy.checkCareDay(LocalDate.of(2030, 1, 1), TODAY).orElseThrow().arguments())
                .containsExactly("06/12/2027");
    }

    @Test
    void aSettingBeyondWhatTheDatabaseKeepsIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new DatePolicy(18, Period.ofYears(3), Period.ofYears(5), Period.ofYears(5)))
                .hasMessageContaining("care-horizon");
        assertThatThrownBy(() -> new DatePolicy(18, Period.ofMonths(12), Period.ofYears(6), Period.ofYears(5)))
                .hasMessageContaining("label-max-length");
        assertThatThrownBy(() -> new DatePolicy(25, Period.ofMonths(12), Period.ofYears(5), Period.ofYears(5)))
                .hasMessageContaining("child-max-age-years");
    }
}
