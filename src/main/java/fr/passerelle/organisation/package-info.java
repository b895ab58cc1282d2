/** Organisations, their users and roles, and how users sign in (form login, lockout, organisation scoping). */
@ApplicationModule(allowedDependencies = {"audit", "territory", "system"})
package fr.passerelle.organisation;

import org.springframework.modulith.ApplicationModule;
