package fr.passerelle.referral;

/**
 * Why the parent needs the child looked after. The first three are the scheme's historical purposes; the others are
 * the activities of the full-employment law's engagement (since 2025), which each Caf may offer and find eligible.
 */
public enum Purpose {

    /** A job interview (entretien d'embauche). */
    JOB_INTERVIEW,
    /** Entering a training (entrée en formation). */
    TRAINING,
    /** Starting a job (reprise d'emploi). */
    JOB,
    /** A workshop of the job search (atelier : CV, préparation aux entretiens, collectif France Travail). */
    WORKSHOP,
    /** An immersion in a company (période de mise en situation en milieu professionnel, PMSMP). */
    COMPANY_IMMERSION,
    /** A recruitment event (job dating, salon de recrutement). */
    RECRUITMENT_EVENT
}
