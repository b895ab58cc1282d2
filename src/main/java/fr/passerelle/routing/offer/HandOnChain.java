package fr.passerelle.routing.offer;

import java.time.Instant;

/**
 * A referral's automatic hand-on as its routing page shows it.
 *
 * @param automatic whether the referral's Caf hands its need on automatically
 * @param maxHops the Caf's hop limit for the need
 * @param stoppedAt when an officer stopped the chain, or null
 * @param returnReason why the last ended offer came back to the queue instead of being handed on
 *     ({@code NO_CANDIDATE}, {@code HOP_LIMIT}, {@code STOPPED}), or null
 * @param version the chain's version (0 before it has a row), checked when the officer stops it
 */
public record HandOnChain(boolean automatic, int maxHops, Instant stoppedAt, String returnReason,
        Instant returnedAt, long version) {

    /** Whether an ended offer would be handed on (the Caf's choice, not stopped). */
    public boolean active() {
        return automatic && stoppedAt == null;
    }
}
