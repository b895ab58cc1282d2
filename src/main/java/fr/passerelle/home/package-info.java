/** The page each role lands on after signing in. */
@ApplicationModule(allowedDependencies = {"routing::queue", "notification::outbox", "organisation"})
package fr.passerelle.home;

import org.springframework.modulith.ApplicationModule;
