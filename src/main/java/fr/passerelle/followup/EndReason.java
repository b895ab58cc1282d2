package fr.passerelle.followup;

/** Why a job or training ended early. */
public enum EndReason {
    TRIAL_PERIOD,
    CONTRACT_ENDED,
    RESIGNED,
    CHILDCARE,
    HEALTH,
    MOBILITY,
    OTHER
}
