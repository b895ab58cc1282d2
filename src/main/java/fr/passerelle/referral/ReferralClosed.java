package fr.passerelle.referral;

import java.time.Instant;

/**
 * The advisor recorded the outcome: the referral is closed. Published in the closing transaction, so that listeners
 * (routing frees the places held for the family) change their data in it too: all or nothing.
 *
 * @param referralId the closed referral
 * @param outcome what happened for the family
 * @param closedAt when
 */
public record ReferralClosed(long referralId, Outcome outcome, Instant closedAt) {
}
