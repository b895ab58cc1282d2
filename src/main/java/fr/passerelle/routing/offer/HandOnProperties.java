package fr.passerelle.routing.offer;

import fr.passerelle.referral.CareNeed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The automatic hand-on's defaults, for a Caf that has not chosen (no {@code hand_on_setting} row for the need).
 *
 * @param emergencyHomeCare whether an emergency's ended offer is handed on at once (yes: an emergency cannot wait)
 * @param occasional whether an occasional care's is (no: the officer chooses)
 * @param regular whether a regular care's is (no: the officer chooses)
 * @param maxHops at most this many automatic offers follow one another before the officer takes over
 */
@ConfigurationProperties("passerelle.routing.hand-on")
public record HandOnProperties(@DefaultValue("true") boolean emergencyHomeCare,
        @DefaultValue("false") boolean occasional, @DefaultValue("false") boolean regular,
        @DefaultValue("3") int maxHops) {

    /** The most hops a Caf may choose. */
    public static final int MAX_HOPS_LIMIT = 20;

    public HandOnProperties {
        if (maxHops < 1 || maxHops > MAX_HOPS_LIMIT) {
            throw new IllegalArgumentException("passerelle.routing.hand-on.max-hops is between 1 and 20");
        }
    }

    /** Whether that need is handed on by default. */
    public boolean automatic(CareNeed need) {
        return switch (need) {
            case EMERGENCY_HOME_CARE -> emergencyHomeCare;
            case OCCASIONAL -> occasional;
            case REGULAR -> regular;
        };
    }
}
