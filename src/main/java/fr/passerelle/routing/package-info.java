/** Routing: eligible referrals are offered to ranked providers, who answer before a deadline, within their capacity. */
@ApplicationModule(allowedDependencies = {"referral", "provider", "organisation", "territory", "system"})
package fr.passerelle.routing;

import org.springframework.modulith.ApplicationModule;
