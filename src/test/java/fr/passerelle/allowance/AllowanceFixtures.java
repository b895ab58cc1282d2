package fr.passerelle.allowance;

import java.time.LocalDate;
import java.time.YearMonth;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.provider.Childminders;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.routing.ProviderKind;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A Caf of a département of its own (no allowance rule yet: each test's statements and payment files are its own),
 * its officer and administrator, and labelled childminders with their own accounts.
 */
final class AllowanceFixtures {

    final String departement;
    final String commune;
    final Account officer;
    final Account admin;
    final Account advisor;
    private final ReferralFixtures referrals;
    private final TestAccounts accounts;
    private final ChildminderRegistry registry;
    private final OfferService offers;
    private final OrganisationRepository organisations;
    private final JdbcClient jdbc;

    AllowanceFixtures(ReferralFixtures referrals, TestAccounts accounts, ChildminderRegistry registry,
            OfferService offers, OrganisationRepository organisations, JdbcClient jdbc) {
        this.referrals = referrals;
        this.accounts = accounts;
        this.registry = registry;
        this.offers = offers;
        this.organisations = organisations;
        this.jdbc = jdbc;
        this.departement = jdbc.sql("""
                        select d.code from departement d
                        where d.code ~ '^[0-9]{2}$' and d.code not in ('91', '75')
                          and exists (select from commune c where c.departement_code = d.code)
                          and not exists (select from allowance_rule r where r.departement_code = d.code)
                          -- A Caf's own purposes (eligibility tests) could make its referrals ineligible.
                          and not exists (select from purpose_setting s where s.departement_code = d.code)
                          and not exists (select from childminder m join commune c on c.insee_code = m.commune_code
                                          where c.departement_code = d.code)
                        order by d.code desc limit 1""")
                .query(String.class).single();
        this.commune = referrals.communeIn(departement);
        this.officer = referrals.officerIn(departement);
        this.admin = accounts.create(Role.ADMIN, officer.user().getOrganisation());
        this.advisor = referrals.advisor();
    }

    CurrentUser principal(Account account) {
        return referrals.principal(account);
    }

    record Minder(Childminder childminder, Account user) {

        ProviderRef ref() {
            return new ProviderRef(ProviderKind.CHILDMINDER, childminder.getId());
        }
    }

    /** A childminder of the département's commune, labelled for two years, with 2 AVIP places, and her account. */
    Minder childminder() {
        LocalDate today = LocalDate.now();
        CurrentUser registrar = principal(admin);
        Childminder childminder = registry.register(registrar, Childminders.details(commune, today.plusYears(3)));
        registry.grantLabel(registrar, childminder.getId(), 0, today.minusMonths(2), today.plusYears(2));
        jdbc.sql("update childminder set avip_places = 2 where id = ?").param(childminder.getId()).update();
        return new Minder(childminder, accounts.create(Role.PROVIDER,
                organisations.findById(childminder.getOrganisation().getId()).orElseThrow()));
    }

    /** A family of the commune, found eligible: one day of occasional care next week. */
    Referral eligible() {
        return referrals.declareEligible(officer, referrals.file(advisor, referrals.family()
                .livingIn(commune, departement), true));
    }

    /** A family's care arranged with the childminder (offer sent and accepted); returns the care's day. */
    LocalDate placed(Minder minder) {
        Referral referral = eligible();
        long offer = offers.sendOffer(principal(officer), referral.getId(), minder.ref(), null).offerId();
        offers.accept(principal(minder.user()), offer);
        return referrals.reload(referral).getFirstDay();
    }

    /** A rule version of the département: from the first day of that month, 20.00 € a day, 30.00 € a place. */
    void rule(YearMonth month) {
        jdbc.sql("""
                        insert into allowance_rule (departement_code, effective_from, per_care_day_cents,
                                                    per_place_month_cents, created_at)
                        values (?, ?, 2000, 3000, now())""")
                .param(departement).param(java.sql.Date.valueOf(month.atDay(1))).update();
    }

    /** She declares a free place (then she has a statement for a month she kept it). */
    void freePlace(Minder minder) {
        jdbc.sql("insert into childminder_free_places (childminder_id, free_places, declared_at, declared_by) "
                + "values (?, 1, now(), ?)").param(minder.childminder().getId()).param(minder.user().user().getId())
                .update();
    }

    long statementOf(Minder minder) {
        return jdbc.sql("select id from allowance_statement where childminder_id = ?")
                .param(minder.childminder().getId()).query(Long.class).single();
    }

    String statusOf(long id) {
        return jdbc.sql("select status from allowance_statement where id = ?").param(id).query(String.class).single();
    }
}
