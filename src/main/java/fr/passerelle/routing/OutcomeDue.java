package fr.passerelle.routing;

/**
 * A care period is over and its outcome is still to record. Published once per referral by the reminder job, in the
 * transaction that marks it reminded.
 */
public record OutcomeDue(long referralId) {
}
