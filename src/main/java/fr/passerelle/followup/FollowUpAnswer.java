package fr.passerelle.followup;

/** Whether the job or training still goes on at a follow-up. */
public enum FollowUpAnswer {
    CONTINUING,
    ENDED_EARLY,
    UNKNOWN
}
