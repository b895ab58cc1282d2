package fr.passerelle.notification;

import java.util.List;
import java.util.UUID;

import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.RoutingFixtures;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * People with addresses of their own and offers sent to them, as the pages send them, and what the outbox and the
 * bell then hold for them. Every address is unique, so that a test reads only its own emails.
 */
final class NotificationFixtures {

    /** A provider (a new home-care service of Évry) and its one person, reached at {@code address}. */
    record Provider(ProviderRef ref, long organisationId, Account person, String address) {
    }

    /** An offer sent to a provider, with the family's name (which must never be in the provider's emails). */
    record Sent(long offerId, Referral referral, Provider provider, String parentLastName) {
    }

    /** One email of the outbox. */
    record Email(long id, String kind, String to, String locale, String subject, String text, String html,
            String status, int attempts) {
    }

    final RoutingFixtures routing;
    final ReferralFixtures referrals;
    final OfferService offers;
    final JdbcClient jdbc;
    final Account advisor;
    final Account officer;

    NotificationFixtures(TestAccounts accounts, ReferralFixtures referrals, ChildminderRegistry registry,
            JdbcClient jdbc, Clock clock, OrganisationRepository organisations, OfferService offers) {
        this.routing = new RoutingFixtures(accounts, referrals, registry, jdbc, clock, organisations);
        this.referrals = referrals;
        this.offers = offers;
        this.jdbc = jdbc;
        this.advisor = withAddress(referrals.advisor());
        this.officer = withAddress(referrals.officerIn(ReferralFixtures.ESSONNE));
    }

    static String uniqueAddress(String who) {
        return who + "-" + UUID.randomUUID() + "@example.test";
    }

    /** The account, now with an address of its own. */
    Account withAddress(Account account) {
        jdbc.sql("update user_account set email = ? where id = ?")
                .params(uniqueAddress(account.username()), account.user().getId()).update();
        return account;
    }

    String addressOf(Account account) {
        return jdbc.sql("select email from user_account where id = ?").param(account.user().getId())
                .query(String.class).single();
    }

    Provider homeCareProvider() {
        ProviderRef ref = routing.homeCareService();
        long organisation = routing.organisationOf(ref);
        Account person = withAddress(routing.userOf(organisation));
        return new Provider(ref, organisation, person, addressOf(person));
    }

    /** An emergency of a new family of Évry, found eligible and sent to the provider by the officer. */
    Sent offerTo(Provider provider) {
        String unique = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        String lastName = "Nomfamille" + unique;
        Referral referral = routing.eligible(advisor, officer, referrals.family().parent(lastName, "Prenom" + unique)
                .need(CareNeed.EMERGENCY_HOME_CARE));
        long offerId = offers.sendOffer(referrals.principal(officer), referral.getId(), provider.ref(), null)
                .offerId();
        return new Sent(offerId, referral, provider, lastName);
    }

    List<Email> emailsTo(String address) {
        return jdbc.sql("""
                        select id, kind, to_address, locale, subject, text_body, html_body, status, attempts
                        from outbound_email where to_address = ? order by id""")
                .param(address)
                .query((rs, n) -> new Email(rs.getLong("id"), rs.getString("kind"), rs.getString("to_address"),
                        rs.getString("locale"), rs.getString("subject"), rs.getString("text_body"),
                        rs.getString("html_body"), rs.getString("status"), rs.getInt("attempts")))
                .list();
    }

    /** The kinds under the person's bell, oldest first. */
    List<String> bellOf(Account account) {
        return jdbc.sql("select kind from notification where recipient_id = ? order by id")
                .param(account.user().getId()).query(String.class).list();
    }
}
