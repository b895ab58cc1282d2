package fr.passerelle.allowance;

/** Where a monthly statement stands; it only ever moves forward. */
public enum StatementStatus {

    /** Computed by the monthly job: the childminder confirms the days worked or corrects them. */
    TO_CONFIRM,
    /** Confirmed by the childminder: a Caf officer validates it. */
    CONFIRMED,
    /** Validated by a Caf officer: locked, waiting for the payment file. */
    VALIDATED,
    /** In a payment file: paid, once. */
    PAID
}
