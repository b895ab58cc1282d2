/** Routing: eligible referrals are offered to ranked providers, who answer before a deadline, within their capacity. */
package fr.passerelle.routing;
