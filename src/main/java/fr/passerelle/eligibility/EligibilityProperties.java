package fr.passerelle.eligibility;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import fr.passerelle.referral.Purpose;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The eligibility thresholds of the scheme (Essonne experiment defaults). The territory is not here: it is the
 * département of the Caf that decides.
 *
 * @param childAgeLimitYears         every child must be under this age on the first day of care (AVIP crèches: 3)
 * @param allowedPurposes            the purposes offered and eligible for a Caf that has not chosen its own
 *                                   ({@link PurposeSettings})
 * @param automaticRegistrationFrom  referrals sent from this day on accept the parents registered with France
 *                                   Travail automatically (full-employment law: 1 January 2025)
 */
@ConfigurationProperties("passerelle.eligibility")
public record EligibilityProperties(
        int childAgeLimitYears,
        Set<Purpose> allowedPurposes,
        LocalDate automaticRegistrationFrom) {

    @ConstructorBinding
    public EligibilityProperties(
            @DefaultValue("10") int childAgeLimitYears,
            @DefaultValue({"JOB_INTERVIEW", "TRAINING", "JOB"}) Set<Purpose> allowedPurposes,
            @DefaultValue("2025-01-01") LocalDate automaticRegistrationFrom) {
        // Fail at start-up rather than declare every referral ineligible.
        if (childAgeLimitYears < 1) {
            throw new IllegalArgumentException(
                    "passerelle.eligibility.child-age-limit-years must be at least 1, was " + childAgeLimitYears);
        }
        if (allowedPurposes == null || allowedPurposes.isEmpty()) {
            throw new IllegalArgumentException("passerelle.eligibility.allowed-purposes must name at least one purpose");
        }
        this.childAgeLimitYears = childAgeLimitYears;
        this.allowedPurposes = Collections.unmodifiableSet(EnumSet.copyOf(allowedPurposes));
        this.automaticRegistrationFrom = automaticRegistrationFrom == null ? LocalDate.of(2025, 1, 1)
                : automaticRegistrationFrom;
    }

    /** The thresholds with automatic registrations accepted from 1 January 2025. */
    public EligibilityProperties(int childAgeLimitYears, Set<Purpose> allowedPurposes) {
        this(childAgeLimitYears, allowedPurposes, LocalDate.of(2025, 1, 1));
    }

    /**
     * These thresholds, fixed for one decision by a Caf serving {@code territoryDepartementCode} on {@code today},
     * for a referral sent on {@code sentOn} when the Caf's eligible purposes were {@code eligiblePurposes}.
     */
    public EligibilityParameters parametersFor(String territoryDepartementCode, LocalDate today,
            Set<Purpose> eligiblePurposes, LocalDate sentOn) {
        return new EligibilityParameters(childAgeLimitYears, eligiblePurposes, territoryDepartementCode, today, sentOn,
                automaticRegistrationFrom);
    }
}
