package fr.passerelle.referral;

/** Why the parent needs the child looked after: the three purposes the scheme covers. */
public enum Purpose {

    /** A job interview (entretien d'embauche). */
    JOB_INTERVIEW,
    /** Entering a training (entrée en formation). */
    TRAINING,
    /** Starting a job (reprise d'emploi). */
    JOB
}
