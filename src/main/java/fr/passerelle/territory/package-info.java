/** French communes as reference data: finding them by name or postal code and resolving what a user typed to one INSEE code. */
@ApplicationModule(allowedDependencies = {})
package fr.passerelle.territory;

import org.springframework.modulith.ApplicationModule;
