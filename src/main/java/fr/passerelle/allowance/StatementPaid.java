package fr.passerelle.allowance;

/** A validated statement went into a payment file. */
public record StatementPaid(long statementId, long childminderOrganisationId) {
}
