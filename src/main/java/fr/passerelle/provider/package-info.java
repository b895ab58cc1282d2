/** The registry of providers: childminders and their AVIP labels, home-care services and AVIP crèches. */
@ApplicationModule(allowedDependencies = {"audit", "organisation", "territory", "system"})
package fr.passerelle.provider;

import org.springframework.modulith.ApplicationModule;
