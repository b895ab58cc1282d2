/**
 * Statistics and evaluation of the scheme: events derived from referrals, offers and outcomes by a refresh job,
 * aggregated in PostgreSQL per territory or prescriber and period, small counts masked, tables, charts and CSV exports.
 */
@ApplicationModule(allowedDependencies = {"routing", "referral", "organisation", "system", "territory"})
package fr.passerelle.statistics;

import org.springframework.modulith.ApplicationModule;
