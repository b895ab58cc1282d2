package fr.passerelle.followup;

/**
 * A follow-up fell due and was created: the advisor is to be told (in the application and by email). Published in
 * the job's transaction, once per follow-up.
 *
 * @param followUpId the follow-up
 * @param referralId its referral
 * @param milestone one or six months
 */
public record FollowUpDue(long followUpId, long referralId, Milestone milestone) {
}
