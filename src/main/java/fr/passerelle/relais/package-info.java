/**
 * The childminders' side of the scheme, part A: the Relais Petite Enfance (a relais covering communes, its
 * facilitators, their view of the AVIP childminders and their follow-up log) and the childminders' applications for
 * the AVIP label (apply → the relais's opinion → the Caf's decision, granted through the label lifecycle).
 */
@ApplicationModule(allowedDependencies = {"audit", "organisation", "provider", "provider :: label", "territory",
        "system"})
package fr.passerelle.relais;

import org.springframework.modulith.ApplicationModule;
