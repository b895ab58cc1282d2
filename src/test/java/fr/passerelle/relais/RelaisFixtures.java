package fr.passerelle.relais;

import java.time.LocalDate;
import java.util.Set;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.Childminder;
import fr.passerelle.provider.Childminders;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** Object mother for relais, their facilitators, childminders of their communes and their applications. */
@TestComponent
public class RelaisFixtures {

    /** Évry-Courcouronnes and Corbeil-Essonnes. */
    static final String EVRY = "91228";
    static final String CORBEIL = "91174";
    /** Massy: covered by another relais in the tests that need two. */
    static final String MASSY = "91377";

    private final TestAccounts accounts;
    private final Childminders childminders;
    private final LabelApplications applications;
    private final JdbcClient jdbc;

    RelaisFixtures(TestAccounts accounts, Childminders childminders, LabelApplications applications,
            JdbcClient jdbc) {
        this.accounts = accounts;
        this.childminders = childminders;
        this.applications = applications;
        this.jdbc = jdbc;
    }

    /** A relais of Essonne covering these communes. */
    @Transactional
    public Organisation relais(String... communes) {
        Organisation relais = accounts.organisation(OrganisationKind.RELAIS_PETITE_ENFANCE);
        for (String commune : communes) {
            jdbc.sql("insert into relais_commune (relais_organisation_id, commune_code) values (?, ?)")
                    .params(relais.getId(), commune).update();
        }
        return relais;
    }

    public Account facilitator(Organisation relais) {
        return accounts.create(Role.RPE_FACILITATOR, relais);
    }

    public CurrentUser admin() {
        return accounts.signedIn(adminAccount());
    }

    /** An administrator of the Caf of Essonne. */
    public Account adminAccount() {
        return accounts.create(Role.ADMIN);
    }

    /** A childminder of that commune without a label, with her own account. */
    public Childminder childminder(CurrentUser admin, String commune) {
        return childminders.create(admin, commune, LocalDate.now().plusYears(4));
    }

    public Account accountOf(Childminder childminder) {
        return accounts.create(Role.PROVIDER, childminder.getOrganisation());
    }

    public CurrentUser signedIn(Account account) {
        return accounts.signedIn(account);
    }

    /** Her application, as she files it. */
    public LabelApplication applied(Account childminder) {
        return applications.apply(accounts.signedIn(childminder), request());
    }

    static LabelApplications.Request request() {
        return new LabelApplications.Request("En semaine, de 7 h 30 à 18 h 30", Set.of(java.time.DayOfWeek.MONDAY),
                0, 72);
    }

    /** Last month's statement of hers, to confirm: one AVIP place kept available the whole month (30.00 €). */
    @Transactional
    public long statementToConfirm(Childminder childminder) {
        java.time.YearMonth month = java.time.YearMonth.now().minusMonths(1);
        long id = jdbc.sql("""
                        insert into allowance_statement (childminder_id, departement_code, month, status, capped_cents,
                                                         total_cents, computed_at)
                        values (?, '91', ?, 'TO_CONFIRM', 3000, 3000, now()) returning id""")
                .params(childminder.getId(), java.sql.Date.valueOf(month.atDay(1))).query(Long.class).single();
        jdbc.sql("""
                        insert into allowance_statement_line (statement_id, position, kind, places, place_days,
                                                              amount_cents)
                        values (?, 0, 'PLACE_KEPT', 1, ?, 3000)""")
                .params(id, month.lengthOfMonth()).update();
        return id;
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
