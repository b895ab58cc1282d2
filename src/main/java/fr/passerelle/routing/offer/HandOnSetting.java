package fr.passerelle.routing.offer;

import fr.passerelle.referral.CareNeed;

/**
 * A Caf's automatic hand-on for one need.
 *
 * @param automatic whether an expired or declined offer goes at once to the next ranked candidate
 * @param maxHops at most this many automatic offers in a row
 * @param chosen whether the Caf chose it (a row), rather than the configuration's default
 * @param version the row's version (0 without a row), checked when the Caf changes it
 */
public record HandOnSetting(CareNeed need, boolean automatic, int maxHops, boolean chosen, long version) {
}
