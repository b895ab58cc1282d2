package fr.passerelle.allowance;

/** A childminder's monthly statement was computed and waits for her confirmation. */
public record StatementReady(long statementId, long childminderOrganisationId) {
}
