package fr.passerelle.eligibility;

/** The conditions of the scheme, in the order the officer reads them. */
public enum EligibilityRuleId {

    /** Every child is under the age limit (10 in the Essonne experiment) on the first day of care. */
    CHILDREN_UNDER_AGE_LIMIT,
    /** The parent is a registered job seeker: valid France Travail identifier, attested by the advisor. */
    REGISTERED_JOB_SEEKER,
    /** The care is for a purpose the scheme covers (job interview, training, job). */
    ALLOWED_PURPOSE,
    /** The family lives in the département the Caf serves. */
    FAMILY_IN_TERRITORY,
    /** The first day of care is not already past on the day of the decision. */
    FIRST_DAY_NOT_IN_PAST
}
