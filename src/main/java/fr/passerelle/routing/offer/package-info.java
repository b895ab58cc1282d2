/**
 * Offers: an {@link Offer} made to a provider for a referral, its lifecycle (sent, accepted, declined, expired,
 * cancelled) in {@link OfferService}, with the places it holds; its answer deadline and expiry
 * ({@code OfferExpiry}), the reminders before the deadline and before the outcome is due ({@code RoutingReminders});
 * and the offers as each reader sees them, read in SQL ({@link OfferViews}: the provider's, the officer's, the
 * advisor's). The events it publishes are in the module's base package. A named interface ({@code offer}):
 * notifications answer offers from an e-mail link and describe them, demo data sends them.
 */
@NamedInterface("offer")
package fr.passerelle.routing.offer;

import org.springframework.modulith.NamedInterface;
