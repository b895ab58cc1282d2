/**
 * Routing: eligible referrals are offered to ranked providers, who answer before a deadline, within their capacity.
 * This base package is the module's API: the events it publishes ({@code OfferSent}, {@code OfferAccepted}…), what
 * they are told about an offer ({@link fr.passerelle.routing.OfferNotice}), the shared vocabulary (offer status,
 * decline reasons, provider kinds and references) and its settings. The work is in sub-packages by job:
 * {@code matching} (candidates, rules, ranking), {@code offer} (offers, their lifecycle, deadlines, reminders, read
 * views), {@code queue} (the officers' and providers' queues, metrics), {@code web} (pages and forms) and
 * {@code refusal} (what the rules refuse); those other modules use are named interfaces.
 */
@ApplicationModule(allowedDependencies = {"referral", "provider", "organisation", "territory", "system",
        "audit"})
package fr.passerelle.routing;

import org.springframework.modulith.ApplicationModule;
