package fr.passerelle.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The registry's lists run a fixed number of SQL statements: one childminder or a full page of them on the page,
 * the administrator's list, the officer's and the users' list ask the database the same number of times.
 */
@IntegrationTest
@Import(Childminders.class)
class RegistryListStatementsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    SqlStatementCounter statements;

    @Autowired
    Childminders childminders;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    CurrentUser admin;
    LocalDate agreementEnd;

    @BeforeEach
    void setUp() {
        admin = accounts.signedIn(accounts.create(Role.ADMIN));
        agreementEnd = LocalDate.now(clock).plusYears(2);
    }

    @Test
    void theChildmindersListsRunTheSameStatementsForOneRowOrAFullPage() throws Exception {
        List<String> communes = communesWithoutChildminders();
        String quiet = communes.get(0);
        String busy = communes.get(1);
        childminders.labelled(admin, quiet, agreementEnd, LocalDate.now(clock), agreementEnd);
        for (int i = 0; i < 25; i++) {
            childminders.labelled(admin, busy, agreementEnd, LocalDate.now(clock), agreementEnd);
        }
        CurrentUser officer = accounts.signedIn(accounts.create(Role.CAF_OFFICER));

        for (String list : List.of("/admin/childminders", "/officer/registry/childminders")) {
            CurrentUser reader = list.startsWith("/admin") ? admin : officer;
            long oneRow = statements.count(() -> mvc.perform(get(list).param("commune", quiet).with(user(reader)))
                    .andExpect(status().isOk()));
            long fullPage = statements.count(() -> mvc.perform(get(list).param("commune", busy).with(user(reader)))
                    .andExpect(status().isOk()));

            // Spring Data skips the count query when the first page is not full: one statement more, not one per row.
            assertThat(fullPage).as(list).isBetween(oneRow, oneRow + 1).isLessThanOrEqualTo(6);
        }
    }

    @Test
    void theUsersListRunsTheSameStatementsForOneRowOrAFullPage() throws Exception {
        var lonely = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY);
        var crowded = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY);
        accounts.create(Role.ADVISOR, lonely);
        for (int i = 0; i < 25; i++) {
            accounts.create(Role.ADVISOR, crowded);
        }

        long oneRow = statements.count(() -> mvc.perform(get("/admin/users")
                .param("organisationId", lonely.getId().toString()).with(user(admin))).andExpect(status().isOk()));
        long fullPage = statements.count(() -> mvc.perform(get("/admin/users")
                .param("organisationId", crowded.getId().toString()).with(user(admin))).andExpect(status().isOk()));

        assertThat(fullPage).isBetween(oneRow, oneRow + 1).isLessThanOrEqualTo(6);
    }

    /**
     * Two communes of the Caf's département (91) where no test has put a childminder yet, whose INSEE code is no
     * commune's postal code (the filter would then ask which one was meant).
     */
    private List<String> communesWithoutChildminders() {
        return jdbc.sql("""
                        select c.insee_code from commune c
                        where c.departement_code = '91'
                          and not exists (select 1 from childminder m where m.commune_code = c.insee_code)
                          and not exists (select 1 from commune o where o.postal_codes @> array[c.insee_code]::varchar[])
                        order by random() limit 2""")
                .query(String.class).list();
    }
}
