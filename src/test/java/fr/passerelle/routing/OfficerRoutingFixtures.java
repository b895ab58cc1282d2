package fr.passerelle.routing;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test data for the officer's routing pages, in a département of their own: the lists of a page then hold only the
 * test's rows, although every test shares the database. A plain helper (like {@link RoutingFixtures}), so that the
 * web and browser tests keep their usual application context.
 */
public final class OfficerRoutingFixtures {

    public final ReferralFixtures referrals;
    public final TestAccounts accounts;
    public final JdbcClient jdbc;

    public OfficerRoutingFixtures(ReferralFixtures referrals, TestAccounts accounts, JdbcClient jdbc) {
        this.referrals = referrals;
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    /**
     * A mainland département (not Essonne nor Paris, which other tests fill) where no referral is being routed, no
     * offer waits and no home-care service is based.
     */
    public String quietDepartement() {
        return jdbc.sql("""
                select d.code from departement d
                where d.code ~ '^[0-9]{2}$' and d.code not in ('91', '75')
                  and exists (select from commune c where c.departement_code = d.code)
                  and not exists (select from referral r where r.departement_code = d.code
                                  and r.status in ('ELIGIBLE', 'OFFERED', 'CARE_ARRANGED'))
                  and not exists (select from organisation o where o.departement_code = d.code
                                  and o.kind = 'HOME_CARE_SERVICE')
                  -- A Caf's own purposes (eligibility tests) could make its referrals ineligible.
                  and not exists (select from purpose_setting s where s.departement_code = d.code)
                order by d.code limit 1""")
                .query(String.class).optional()
                .orElseThrow(() -> new IllegalStateException("No quiet département left: use a new test database"));
    }

    /** A Caf officer of that département (a new Caf there, so that families there can be referred). */
    public Account officerIn(String departement) {
        return referrals.officerIn(departement);
    }

    /** A family of the département's main commune needing emergency home care, found eligible by the officer. */
    public Referral eligibleEmergency(Account advisor, Account officer, String departement) {
        return eligible(advisor, officer, departement, CareNeed.EMERGENCY_HOME_CARE);
    }

    public Referral eligible(Account advisor, Account officer, String departement, CareNeed need) {
        Referral filed = referrals.file(advisor, referrals.family()
                .livingIn(referrals.communeIn(departement), departement).need(need), true);
        return referrals.declareEligible(officer, filed);
    }

    /** An active home-care service of the département, approved for under-3s, covering its main commune. */
    public ProviderRef homeCareService(String departement, String name) {
        String commune = referrals.communeIn(departement);
        Organisation organisation = accounts.organisation(OrganisationKind.HOME_CARE_SERVICE, departement, commune);
        jdbc.sql("update organisation set name = ? where id = ?").param(name + " " + organisation.getId())
                .param(organisation.getId()).update();
        long id = jdbc.sql("""
                        insert into home_care_service (organisation_id, under_three_approved) values (?, true)
                        returning id""")
                .param(organisation.getId()).query(Long.class).single();
        jdbc.sql("insert into home_care_coverage (service_id, commune_code) values (?, ?)").param(id).param(commune)
                .update();
        return new ProviderRef(ProviderKind.HOME_CARE, id);
    }

    /** An AVIP crèche of the département's main commune, with emergency places for children of 0 to 6. */
    public ProviderRef creche(String departement, String name) {
        Organisation organisation = accounts.organisation(OrganisationKind.AVIP_CRECHE, departement,
                referrals.communeIn(departement));
        jdbc.sql("update organisation set name = ? where id = ?").param(name + " " + organisation.getId())
                .param(organisation.getId()).update();
        long id = jdbc.sql("""
                        insert into creche (organisation_id, total_places, emergency_places, min_age_months,
                                            max_age_months)
                        values (?, 20, 3, 0, 72) returning id""")
                .param(organisation.getId()).query(Long.class).single();
        return new ProviderRef(ProviderKind.CRECHE, id);
    }

    /** Deactivates a service, as the administration would: it is then excluded from every routing. */
    public void deactivate(ProviderRef service) {
        jdbc.sql("""
                        update organisation set active = false
                        where id = (select organisation_id from home_care_service where id = ?)""")
                .param(service.id()).update();
    }

    public long offersOf(Referral referral) {
        return jdbc.sql("select count(*) from offer where referral_id = ?").param(referral.getId())
                .query(Long.class).single();
    }
}
