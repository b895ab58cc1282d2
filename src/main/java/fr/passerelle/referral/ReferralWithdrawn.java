package fr.passerelle.referral;

import java.time.Instant;

/**
 * The advisor withdrew a referral. Published in the withdrawal's transaction, so that listeners (routing cancels a
 * pending offer and frees the place held) change their data in it too: all or nothing.
 *
 * @param referralId the withdrawn referral
 * @param previousStatus its status before the withdrawal
 * @param withdrawnAt when
 */
public record ReferralWithdrawn(long referralId, ReferralStatus previousStatus, Instant withdrawnAt) {
}
