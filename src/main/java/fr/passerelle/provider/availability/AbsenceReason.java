package fr.passerelle.provider.availability;

/** Why a childminder is away; each has a label {@code availability.reason.<NAME>}. */
public enum AbsenceReason {

    /** Holidays (congés). */
    HOLIDAY,
    /** A training course (formation). */
    TRAINING,
    /** Any other reason, not given. */
    OTHER
}
