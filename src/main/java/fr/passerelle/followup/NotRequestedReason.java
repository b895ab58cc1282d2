package fr.passerelle.followup;

/** Why France Travail's childcare aid was not requested. */
public enum NotRequestedReason {
    FAMILY_DECLINED,
    NOT_ELIGIBLE,
    ALREADY_RECEIVED,
    DEADLINE_PASSED,
    OTHER
}
