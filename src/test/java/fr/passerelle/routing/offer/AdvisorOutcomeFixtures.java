package fr.passerelle.routing.offer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.NoSolutionReason;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.RoutingFixtures;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Referrals at each step of routing, for the tests of the advisor's page and of the demo data, which live outside
 * this package: offered, declined, care arranged with a place held, without solution; and the expiry job run at a
 * given time. Built from the application context, so that any test class (MockMvc or browser) can make one.
 */
public final class AdvisorOutcomeFixtures {

    /** A referral whose care a crèche accepted, with the offer holding its place. */
    public record Arranged(Referral referral, long offerId) {
    }

    private final RoutingFixtures routing;
    private final ReferralFixtures referrals;
    private final OfferService offers;
    private final OfferExpiry expiry;
    private final JdbcClient jdbc;

    public AdvisorOutcomeFixtures(ApplicationContext context, ReferralFixtures referrals) {
        this.referrals = referrals;
        this.offers = context.getBean(OfferService.class);
        this.expiry = context.getBean(OfferExpiry.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.routing = new RoutingFixtures(context.getBean(TestAccounts.class), referrals,
                context.getBean(ChildminderRegistry.class), jdbc, context.getBean(Clock.class),
                context.getBean(OrganisationRepository.class));
    }

    public LocalDate today() {
        return routing.today();
    }

    /** Occasional care of one child on that day, sent to a new crèche of Évry, whose answer is awaited. */
    public long offered(Account advisor, Account officer, LocalDate day, String message) {
        Referral referral = routing.eligible(advisor, officer, referrals.family().on(day));
        return offers.sendOffer(principal(officer), referral.getId(), routing.creche(2), message).offerId();
    }

    /** As {@link #offered}, then accepted by the crèche: a place is held for the day. */
    public Arranged careArranged(Account advisor, Account officer, LocalDate day) {
        Referral referral = routing.eligible(advisor, officer, referrals.family().on(day));
        ProviderRef creche = routing.creche(2);
        long offerId = offers.sendOffer(principal(officer), referral.getId(), creche, "Accueil de 9 h à 17 h.")
                .offerId();
        offers.accept(principal(routing.userOf(routing.organisationOf(creche))), offerId);
        return new Arranged(referrals.reload(referral), offerId);
    }

    /** A childminder declined (dates impossible), then a crèche accepted: two offers in the history. */
    public Arranged declinedThenArranged(Account advisor, Account officer, LocalDate day) {
        Referral referral = routing.eligible(advisor, officer, referrals.family().on(day));
        ProviderRef childminder = RoutingFixtures.ref(routing.childminder(2));
        long declined = offers.sendOffer(principal(officer), referral.getId(), childminder, null).offerId();
        offers.decline(principal(routing.userOf(routing.organisationOf(childminder))), declined,
                DeclineReason.DATES_UNAVAILABLE, "Absente cette semaine-là.");
        ProviderRef creche = routing.creche(2);
        long accepted = offers.sendOffer(principal(officer), referral.getId(), creche, null).offerId();
        offers.accept(principal(routing.userOf(routing.organisationOf(creche))), accepted);
        return new Arranged(referrals.reload(referral), accepted);
    }

    /** An eligible referral for which the officer found nobody, for that reason. */
    public Referral noSolution(Account advisor, Account officer, NoSolutionReason reason, String comment) {
        Referral referral = routing.eligible(advisor, officer);
        offers.recordNoSolution(principal(officer), referral.getId(), reason, comment);
        return referrals.reload(referral);
    }

    /** The name of the provider an offer went to, to check that the advisor's page never shows it. */
    public String providerName(long offerId) {
        return jdbc.sql("""
                        select coalesce(cm.first_name || ' ' || cm.last_name, po.name) from offer o
                        join organisation po on po.id = o.provider_organisation_id
                        left join childminder cm on o.provider_kind = 'CHILDMINDER' and cm.id = o.provider_id
                        where o.id = ?""")
                .param(offerId).query(String.class).single();
    }

    /** When the offer's place hold was released; null while it is held. */
    public Instant holdReleasedAt(long offerId) {
        return jdbc.sql("select released_at from place_hold where offer_id = ?").param(offerId)
                .query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant).orElse(null);
    }

    public boolean holdExists(long offerId) {
        return jdbc.sql("select exists (select 1 from place_hold where offer_id = ?)").param(offerId)
                .query(Boolean.class).single();
    }

    public String offerStatus(long offerId) {
        return jdbc.sql("select status from offer where id = ?").param(offerId).query(String.class).single();
    }

    /** Runs the expiry job as if it were {@code now}; returns how many offers expired. */
    public int expireDueAt(Instant now) {
        return expiry.expireDueAt(now);
    }

    private CurrentUser principal(Account account) {
        return referrals.principal(account);
    }
}
