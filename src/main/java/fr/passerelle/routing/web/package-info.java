/**
 * Routing's pages: the officer's routing page (candidates, sending an offer, no solution found) in
 * {@code OfficerRoutingController} and {@code OfficerRoutingPages}, the provider's offers and answers in
 * {@code ProviderOfferController}, their forms, and the offers section of the advisor's referral page
 * ({@code AdvisorOffersSection}, which implements {@code referral.AdvisorReferralPageSection}, so that referral
 * knows nothing of routing). Templates under {@code templates/routing/}. Nothing here is used by another module.
 */
package fr.passerelle.routing.web;
