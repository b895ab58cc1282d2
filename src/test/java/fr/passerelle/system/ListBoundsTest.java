package fr.passerelle.system;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** Page numbers and dates typed into a list's URL: clamped or said next to the field, never an error page. */
@IntegrationTest
class ListBoundsTest {

    private static final String HUGE = String.valueOf(Integer.MAX_VALUE);

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    AuditTrail audit;

    @Autowired
    TransactionTemplate transactions;

    /** The audit page's bounds are read on a journal that has entries, whichever tests ran before. */
    @BeforeEach
    void anAuditEntryExists() {
        long entityId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE - 1);
        transactions.executeWithoutResult(status -> audit.record(null, "TEST_ENTITY", entityId, "CREATED",
                Changes.of().created("name", "Bornes")));
    }

    @Test
    void everyListClampsANegativeOrHugePageNumber() throws Exception {
        CurrentUser admin = accounts.signedIn(accounts.create(Role.ADMIN));
        CurrentUser officer = accounts.signedIn(accounts.create(Role.CAF_OFFICER));
        CurrentUser advisor = accounts.signedIn(accounts.create(Role.ADVISOR));
        CurrentUser provider = accounts.signedIn(accounts.create(Role.PROVIDER));
        for (String page : new String[] {"-5", HUGE}) {
            mvc.perform(get("/admin/audit").param("page", page).with(user(admin)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("Aucune modification ne correspond."))));
            mvc.perform(get("/admin/users").param("page", page).with(user(admin)))
                    .andExpect(status().isOk());
            mvc.perform(get("/admin/organisations").param("page", page).with(user(admin)))
                    .andExpect(status().isOk());
            mvc.perform(get("/admin/services").param("servicesPage", page).param("crechesPage", page)
                    .with(user(admin))).andExpect(status().isOk());
            mvc.perform(get("/admin/childminders").param("page", page).with(user(admin)))
                    .andExpect(status().isOk());
            mvc.perform(get("/officer/registry/services").param("servicesPage", page).param("crechesPage", page)
                    .with(user(officer))).andExpect(status().isOk());
            mvc.perform(get("/officer/registry/childminders").param("page", page).with(user(officer)))
                    .andExpect(status().isOk());
            mvc.perform(get("/officer/queue").param("page", page).with(user(officer)))
                    .andExpect(status().isOk());
            mvc.perform(get("/advisor/referrals").param("page", page).with(user(advisor)))
                    .andExpect(status().isOk());
            mvc.perform(get("/officer/routing").param("page", page).param("offersPage", page)
                    .param("carePage", page).with(user(officer)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("Page 100"))));
            mvc.perform(get("/provider/offers").param("page", page).with(user(provider)))
                    .andExpect(status().isOk());
            mvc.perform(get("/provider/offers").param("status", "ACCEPTED").param("page", page)
                    .with(user(provider))).andExpect(status().isOk());
        }
    }

    @Test
    void aHugePageNumberShowsTheLastPage() throws Exception {
        CurrentUser admin = accounts.signedIn(accounts.create(Role.ADMIN));

        mvc.perform(get("/admin/audit").param("page", HUGE).with(user(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*Page (\\d+) sur \\1 — .*")));
    }

    @Test
    void aDayThatDoesNotExistIsSaidNextToItsFieldAndIgnored() throws Exception {
        CurrentUser admin = accounts.signedIn(accounts.create(Role.ADMIN));
        CurrentUser advisor = accounts.signedIn(accounts.create(Role.ADVISOR));

        mvc.perform(get("/admin/audit").param("from", "2025-02-30").param("entityType", "NOPE").with(user(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Cette date n’existe pas : elle est ignorée.")))
                .andExpect(content().string(containsString("aria-describedby=\"from-error\"")))
                .andExpect(content().string(containsString("Choisissez un type de fiche dans la liste.")))
                .andExpect(content().string(not(containsString("Aucune modification ne correspond."))));
        mvc.perform(get("/advisor/referrals").param("to", "2025-13-01").with(user(advisor)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("aria-describedby=\"to-error\"")));
    }

    @Test
    void theAuditPageKeepsItsDaysWithinSaneBounds() throws Exception {
        CurrentUser admin = accounts.signedIn(accounts.create(Role.ADMIN));

        mvc.perform(get("/admin/audit").param("from", "0001-01-01").param("to", "+999999-12-31")
                        .with(user(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Aucune modification ne correspond."))))
                .andExpect(content().string(containsString("value=\"2020-01-01\"")));
        mvc.perform(get("/admin/audit").param("from", "2024-05-02").param("to", "2024-05-01").with(user(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("La date de fin précède la date de début")));
    }
}
