package fr.passerelle.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;

import fr.passerelle.referral.Purpose;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The settings bind as application.yml or environment variables give them; no application context needed. */
class EligibilityPropertiesTest {

    @Test
    void defaultsAreThoseOfTheEssonneExperiment() {
        EligibilityProperties properties = bind(Map.of());

        assertThat(properties.childAgeLimitYears()).isEqualTo(10);
        // The three historical purposes; a Caf chooses the newer ones on its purposes page.
        assertThat(properties.allowedPurposes())
                .containsExactlyInAnyOrder(Purpose.JOB_INTERVIEW, Purpose.TRAINING, Purpose.JOB);
        assertThat(properties.automaticRegistrationFrom()).isEqualTo(LocalDate.of(2025, 1, 1));
    }

    @Test
    void settingsOverrideTheDefaults() {
        EligibilityProperties properties = bind(Map.of(
                "passerelle.eligibility.child-age-limit-years", "3",
                "passerelle.eligibility.allowed-purposes", "JOB,TRAINING"));

        assertThat(properties.childAgeLimitYears()).isEqualTo(3);
        assertThat(properties.allowedPurposes()).containsExactlyInAnyOrder(Purpose.JOB, Purpose.TRAINING);
    }

    @Test
    void anAgeLimitBelowOneStopsTheStart() {
        assertThatThrownBy(() -> bind(Map.of("passerelle.eligibility.child-age-limit-years", "0")))
                .isInstanceOf(BindException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parametersForADecisionCarryTheThresholdsTheTerritoryAndTheDay() {
        LocalDate today = LocalDate.of(2026, 6, 1);
        LocalDate sentOn = LocalDate.of(2026, 5, 28);

        EligibilityProperties properties = bind(Map.of());
        EligibilityParameters parameters = properties.parametersFor("91", today,
                EnumSet.of(Purpose.JOB, Purpose.WORKSHOP), sentOn);

        assertThat(properties.allowedPurposes()).containsExactly(Purpose.JOB_INTERVIEW, Purpose.TRAINING, Purpose.JOB);
        assertThat(parameters).isEqualTo(new EligibilityParameters(10,
                EnumSet.of(Purpose.JOB, Purpose.WORKSHOP), "91", today, sentOn, LocalDate.of(2025, 1, 1)));
    }

    @Test
    void theDayOfAutomaticRegistrationsComesFromTheConfiguration() {
        EligibilityProperties properties = bind(Map.of(
                "passerelle.eligibility.automatic-registration-from", "2025-03-01"));

        assertThat(properties.automaticRegistrationFrom()).isEqualTo(LocalDate.of(2025, 3, 1));
    }

    private static EligibilityProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("passerelle.eligibility", EligibilityProperties.class);
    }
}
