package fr.passerelle.routing;

import java.time.Clock;
import java.util.UUID;

import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.referral.ReferralFixtures.Family;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.routing.offer.SentOffer;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Offers waiting for a provider's answer, sent through {@link OfferService} by a Caf officer on an eligible referral,
 * exactly as the officer's routing page does. Each offer has a family of its own with a unique parent name, so that
 * a test can look for it (or for its absence) in a page. A plain helper, like {@link RoutingFixtures}, so that the
 * tests keep sharing one application context.
 */
public final class ProviderOfferFixtures {

    /** The phone every fixture family gives, as the provider sees it once the offer is accepted. */
    public static final String PARENT_PHONE = "06 12 34 56 78";

    /**
     * An offer just sent, with who sent it, who answers it and the family's name.
     *
     * @param provider a user of the provider's organisation
     */
    public record Sent(long offerId, Referral referral, ProviderRef providerRef, long organisationId, Account provider,
            Account officer, String parentFirstName, String parentLastName) {
    }

    public final RoutingFixtures routing;
    public final ReferralFixtures referrals;
    public final OfferService offers;
    public final JdbcClient jdbc;
    public final Account advisor;
    public final Account officer;

    public ProviderOfferFixtures(TestAccounts accounts, ReferralFixtures referrals, ChildminderRegistry registry,
            JdbcClient jdbc, Clock clock, OrganisationRepository organisations, OfferService offers) {
        this.routing = new RoutingFixtures(accounts, referrals, registry, jdbc, clock, organisations);
        this.referrals = referrals;
        this.offers = offers;
        this.jdbc = jdbc;
        this.advisor = referrals.advisor();
        this.officer = referrals.officerIn(ReferralFixtures.ESSONNE);
    }

    /** An emergency sent to a new home-care service of Évry (answer within 24 hours). */
    public Sent toHomeCare() {
        return send(routing.homeCareService());
    }

    /** Occasional care next week sent to a new AVIP childminder of Évry with that many places (48 hours). */
    public Sent toChildminder(int avipPlaces) {
        return send(RoutingFixtures.ref(routing.childminder(avipPlaces)));
    }

    /** Another family's care, on the same day, sent to the same provider and answered by the same user. */
    public Sent toSameProvider(Sent earlier) {
        return send(earlier.providerRef(), familyFor(earlier.providerRef()), earlier.provider());
    }

    /** The offer's deadline moves to yesterday, as if nobody had answered in time (the expiry job has not run). */
    public void overdue(Sent sent) {
        jdbc.sql("""
                        update offer set sent_at = now() - interval '3 days', deadline_at = now() - interval '1 day'
                        where id = ?""").param(sent.offerId()).update();
    }

    public String offerStatus(Sent sent) {
        return jdbc.sql("select status from offer where id = ?").param(sent.offerId()).query(String.class).single();
    }

    public Referral reload(Sent sent) {
        return referrals.reload(sent.referral());
    }

    /** A user of another provider organisation (a home-care service), who must never see this offer. */
    public Account otherProvider() {
        return routing.userOf(routing.organisationOf(routing.homeCareService()));
    }

    /** A family of its own: emergency home care for a home-care service, occasional care otherwise. */
    private Family familyFor(ProviderRef provider) {
        String unique = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        Family family = referrals.family().parent("Parentnom-" + unique, "Prenomparent" + unique);
        return provider.kind() == ProviderKind.HOME_CARE ? family.need(CareNeed.EMERGENCY_HOME_CARE) : family;
    }

    private Sent send(ProviderRef provider) {
        return send(provider, familyFor(provider), routing.userOf(routing.organisationOf(provider)));
    }

    private Sent send(ProviderRef provider, Family family, Account providerUser) {
        Referral referral = routing.eligible(advisor, officer, family);
        SentOffer sent = offers.sendOffer(referrals.principal(officer), referral.getId(), provider,
                "Entretien d’embauche à 9 h, merci de confirmer vite.");
        return new Sent(sent.offerId(), referral, provider, routing.organisationOf(provider), providerUser, officer,
                referral.getParentFirstName(), family.parentLastName());
    }
}
