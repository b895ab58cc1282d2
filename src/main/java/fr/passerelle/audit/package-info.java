/** The append-only audit trail of administrative changes: who, when, which entity, each field before → after. */
package fr.passerelle.audit;
