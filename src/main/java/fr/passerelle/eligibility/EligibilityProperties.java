package fr.passerelle.eligibility;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import fr.passerelle.referral.Purpose;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The eligibility thresholds of the scheme (Essonne experiment defaults). The territory is not here: it is the
 * département of the Caf that decides.
 *
 * @param childAgeLimitYears  every child must be under this age on the first day of care (AVIP crèches: 3)
 * @param allowedPurposes     the purposes the scheme covers
 */
@ConfigurationProperties("passerelle.eligibility")
public record EligibilityProperties(
        @DefaultValue("10") int childAgeLimitYears,
        @DefaultValue({"JOB_INTERVIEW", "TRAINING", "JOB"}) Set<Purpose> allowedPurposes) {

    public EligibilityProperties {
        // Fail at start-up rather than declare every referral ineligible.
        if (childAgeLimitYears < 1) {
            throw new IllegalArgumentException(
                    "passerelle.eligibility.child-age-limit-years must be at least 1, was " + childAgeLimitYears);
        }
        if (allowedPurposes == null || allowedPurposes.isEmpty()) {
            throw new IllegalArgumentException("passerelle.eligibility.allowed-purposes must name at least one purpose");
        }
        allowedPurposes = Collections.unmodifiableSet(EnumSet.copyOf(allowedPurposes));
    }

    /** These thresholds, fixed for one decision by a Caf serving {@code territoryDepartementCode} on {@code today}. */
    public EligibilityParameters parametersFor(String territoryDepartementCode, LocalDate today) {
        return new EligibilityParameters(childAgeLimitYears, allowedPurposes, territoryDepartementCode, today);
    }
}
