/** Cross-cutting pieces: database start-up, web and security configuration, layout, locale, errors and time. */
@ApplicationModule(allowedDependencies = {})
package fr.passerelle.system;

import org.springframework.modulith.ApplicationModule;
