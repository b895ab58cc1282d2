package fr.passerelle.eligibility;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import fr.passerelle.referral.Purpose;

/**
 * A Caf's purposes as they stood from one moment: those offered to advisors and those the eligibility rule accepts.
 *
 * @param offered    the purposes advisors may choose for families of the département, never empty
 * @param eligible   the purposes the eligibility rule accepts; may be empty
 * @param validFrom  in force from this moment on; null for the configuration's default
 * @param version    the Caf's count of changes (0 for the default), checked when the Caf changes it
 * @param updatedBy  who chose it; null for the default
 */
public record PurposeSetting(Set<Purpose> offered, Set<Purpose> eligible, Instant validFrom, long version,
        String updatedBy) {

    public PurposeSetting {
        offered = Collections.unmodifiableSet(EnumSet.copyOf(offered));
        eligible = eligible.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Purpose.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(eligible));
    }

    /** Whether the Caf chose it, rather than the configuration's default. */
    public boolean chosen() {
        return validFrom != null;
    }
}
