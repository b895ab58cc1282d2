/**
 * The AVIP allowance: the Caf's rules (versioned by the day they take effect), the childminders' monthly statements
 * computed from the care arranged through Passerelle, their confirmation, validation and payment file.
 */
@ApplicationModule(allowedDependencies = {"organisation", "relais", "audit", "system"})
package fr.passerelle.allowance;

import org.springframework.modulith.ApplicationModule;
