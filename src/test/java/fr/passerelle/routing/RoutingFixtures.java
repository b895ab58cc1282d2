package fr.passerelle.routing;

import java.time.Clock;
import java.time.LocalDate;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.provider.Childminders;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Providers, their users and eligible referrals for routing tests, made through the services where they exist and in
 * SQL for services and crèches. A plain helper rather than a test bean, so that routing tests share the one
 * application context of every {@code @IntegrationTest}.
 */
public final class RoutingFixtures {

    public static final String EVRY = ReferralFixtures.EVRY;

    public final TestAccounts accounts;
    public final ReferralFixtures referrals;
    public final ChildminderRegistry registry;
    public final JdbcClient jdbc;
    public final Clock clock;
    public final OrganisationRepository organisations;
    public final CurrentUser admin;

    public RoutingFixtures(TestAccounts accounts, ReferralFixtures referrals, ChildminderRegistry registry, JdbcClient jdbc,
            Clock clock, OrganisationRepository organisations) {
        this.organisations = organisations;
        this.accounts = accounts;
        this.referrals = referrals;
        this.registry = registry;
        this.jdbc = jdbc;
        this.clock = clock;
        this.admin = accounts.signedIn(accounts.create(Role.ADMIN));
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** An Essonne family's occasional care next week, found eligible by {@code officer}. */
    public Referral eligible(Account advisor, Account officer) {
        return referrals.declareEligible(officer, referrals.submitted(advisor));
    }

    public Referral eligible(Account advisor, Account officer, ReferralFixtures.Family family) {
        return referrals.declareEligible(officer, referrals.file(advisor, family, true));
    }

    public Referral emergency(Account advisor, Account officer) {
        return eligible(advisor, officer, referrals.family().need(CareNeed.EMERGENCY_HOME_CARE));
    }

    /** A labelled childminder of Évry with that many AVIP places, label and agreement valid for years. */
    public Childminder childminder(int avipPlaces) {
        return childminderIn(EVRY, avipPlaces);
    }

    /** A labelled childminder of that commune with that many AVIP places, label and agreement valid for years. */
    public Childminder childminderIn(String communeCode, int avipPlaces) {
        Childminder childminder = registry.register(admin, Childminders.details(communeCode, today().plusYears(3)));
        registry.grantLabel(admin, childminder.getId(), 0, today().minusDays(1), today().plusYears(2));
        jdbc.sql("update childminder set avip_places = ? where id = ?").param(avipPlaces).param(childminder.getId())
                .update();
        return childminder;
    }

    /** A user answering offers for that provider's organisation. */
    public Account userOf(long organisationId) {
        return accounts.create(Role.PROVIDER, organisations.findById(organisationId).orElseThrow());
    }

    /** An active home-care service of Évry covering Évry, approved for children under 3. */
    public ProviderRef homeCareService() {
        Organisation organisation = accounts.organisation(OrganisationKind.HOME_CARE_SERVICE);
        long id = jdbc.sql("""
                        insert into home_care_service (organisation_id, under_three_approved) values (?, true)
                        returning id""")
                .param(organisation.getId()).query(Long.class).single();
        jdbc.sql("insert into home_care_coverage (service_id, commune_code) values (?, ?)").param(id).param(EVRY)
                .update();
        return new ProviderRef(ProviderKind.HOME_CARE, id);
    }

    /** An AVIP crèche of Évry with that many emergency places, for children of 0 to 6. */
    public ProviderRef creche(int emergencyPlaces) {
        return crecheIn("91", EVRY, emergencyPlaces);
    }

    /** An AVIP crèche of that commune with that many emergency places, for children of 0 to 6. */
    public ProviderRef crecheIn(String departementCode, String communeCode, int emergencyPlaces) {
        Organisation organisation = accounts.organisation(OrganisationKind.AVIP_CRECHE, departementCode, communeCode);
        long id = jdbc.sql("""
                        insert into creche (organisation_id, total_places, emergency_places, min_age_months,
                                            max_age_months)
                        values (?, 20, ?, 0, 72) returning id""")
                .param(organisation.getId()).param(emergencyPlaces).query(Long.class).single();
        return new ProviderRef(ProviderKind.CRECHE, id);
    }

    public long organisationOf(ProviderRef provider) {
        String table = switch (provider.kind()) {
            case HOME_CARE -> "home_care_service";
            case CHILDMINDER -> "childminder";
            case CRECHE -> "creche";
        };
        return jdbc.sql("select organisation_id from " + table + " where id = ?").param(provider.id())
                .query(Long.class).single();
    }

    public static ProviderRef ref(Childminder childminder) {
        return new ProviderRef(ProviderKind.CHILDMINDER, childminder.getId());
    }
}
