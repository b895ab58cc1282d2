/** The append-only audit trail of administrative changes: who, when, which entity, each field before → after. */
@ApplicationModule(allowedDependencies = {"system"})
package fr.passerelle.audit;

import org.springframework.modulith.ApplicationModule;
