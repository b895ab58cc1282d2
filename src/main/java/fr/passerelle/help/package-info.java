/** Help for each role: what to do at each step, the deadlines, whom to contact; and the Caf's contact in the footer. */
@ApplicationModule(allowedDependencies = {"routing", "organisation", "system"})
package fr.passerelle.help;

import org.springframework.modulith.ApplicationModule;
