/**
 * Demo data for the local run (profile {@code demo}): the Caf de l'Essonne and its partners; with profile
 * {@code national}, a country's worth of data for load tests. Never in production.
 */
@ApplicationModule(allowedDependencies = {
        "routing", "routing::matching", "routing::offer", "eligibility", "statistics", "referral", "provider",
        "provider::label", "relais", "allowance", "organisation", "system",
        "followup"})
package fr.passerelle.demo;

import org.springframework.modulith.ApplicationModule;
