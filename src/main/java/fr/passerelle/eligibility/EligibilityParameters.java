package fr.passerelle.eligibility;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import fr.passerelle.referral.Purpose;

/**
 * The thresholds in force at decision time (recorded with each decision so later changes never rewrite it).
 *
 * @param childAgeLimitYears         every child must be strictly under this age, in whole years, on the first day
 * @param allowedPurposes            the purposes the scheme covers; may be empty (then no purpose passes)
 * @param territoryDepartementCode   the département the deciding Caf serves
 * @param today                      the day of the decision
 * @param purposesAsOf               the day whose purpose settings {@code allowedPurposes} are: the day the referral
 *                                   was sent (the rule of its day); null in decisions recorded before it was kept
 * @param automaticRegistrationFrom  referrals sent from this day on accept the parents registered automatically (RSA
 *                                   recipients, young people followed by a Mission locale); null: never
 */
public record EligibilityParameters(int childAgeLimitYears, Set<Purpose> allowedPurposes, String territoryDepartementCode,
        LocalDate today, LocalDate purposesAsOf, LocalDate automaticRegistrationFrom) {

    public EligibilityParameters {
        if (childAgeLimitYears < 1) {
            throw new IllegalArgumentException("childAgeLimitYears must be at least 1, was " + childAgeLimitYears);
        }
        Objects.requireNonNull(allowedPurposes, "allowedPurposes");
        Objects.requireNonNull(territoryDepartementCode, "territoryDepartementCode");
        Objects.requireNonNull(today, "today");
        allowedPurposes = allowedPurposes.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(allowedPurposes));
    }

    /** Thresholds without a purpose day nor automatic registrations (the rules as they were before 2025). */
    public EligibilityParameters(int childAgeLimitYears, Set<Purpose> allowedPurposes, String territoryDepartementCode,
            LocalDate today) {
        this(childAgeLimitYears, allowedPurposes, territoryDepartementCode, today, null, null);
    }
}
