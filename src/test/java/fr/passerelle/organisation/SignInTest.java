package fr.passerelle.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.logout;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.hamcrest.Matchers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class SignInTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuthenticationManager authenticationManager;

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRoleLandsOnItsOwnHomePage(Role role) throws Exception {
        Account account = accounts.create(role);

        var session = mvc.perform(formLogin().user(account.username()).password(account.password()))
                .andExpect(authenticated().withRoles(role.name()))
                .andExpect(redirectedUrl(role.homePath()))
                .andReturn().getRequest().getSession();

        mvc.perform(get(role.homePath()).session((MockHttpSession) session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-testid=\"home-"
                        + role.homePath().substring(1) + "\"")));
    }

    @Test
    void usernamesAreCaseInsensitive() throws Exception {
        Account account = accounts.create(Role.ADVISOR);

        mvc.perform(formLogin().user(account.username().toUpperCase()).password(account.password()))
                .andExpect(authenticated());
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
        mvc.perform(get("/advisor")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/no-such-page")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/")).andExpect(redirectedUrl("/login"));
    }

    @Test
    void loginPageAndAssetsArePublic() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Connexion à Passerelle")));
        mvc.perform(get("/css/app.css")).andExpect(status().isOk());
        mvc.perform(get("/webjars/bootstrap/css/bootstrap.min.css")).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
    }

    @Test
    void healthProbesArePublicButOtherActuatorEndpointsAreNot() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/env")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").with(user("someone").roles(Role.ADMIN.name())))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus").with(httpBasic("metrics", "wrong-password")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void theMetricsAccountReadsThePrometheusMetricsWithoutOpeningASession() throws Exception {
        Account account = accounts.create(Role.ADVISOR);
        mvc.perform(formLogin().user(account.username()).password("wrong-password"));

        String metrics = mvc.perform(get("/actuator/prometheus").with(httpBasic("metrics", "test-metrics-password")))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Set-Cookie"))
                .andReturn().getResponse().getContentAsString();
        assertThat(metrics).contains("passerelle_login_failures_total{", "reason=\"bad_credentials\"",
                "passerelle_referrals{", "status=\"SUBMITTED\"", "passerelle_offers{", "state=\"overdue\"",
                "passerelle_login_lockouts_total");
    }

    @Test
    void wrongPasswordIsRefusedWithoutSayingWhy() throws Exception {
        Account account = accounts.create(Role.ADVISOR);

        mvc.perform(formLogin().user(account.username()).password("wrong"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin().user("nobody-" + account.username()).password("wrong"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login").param("error", ""))
                .andExpect(content().string(Matchers.containsString("Identifiant ou mot de passe incorrect.")));
    }

    @Test
    void fiveFailuresLockTheUsernameEvenForTheRightPassword() throws Exception {
        Account account = accounts.create(Role.CAF_OFFICER);

        for (int attempt = 1; attempt <= 4; attempt++) {
            mvc.perform(formLogin().user(account.username()).password("wrong" + attempt))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin().user(account.username()).password("wrong5"))
                .andExpect(redirectedUrl("/login?locked"));
        mvc.perform(formLogin().user(account.username()).password(account.password()))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?locked"));
        mvc.perform(get("/login").param("locked", ""))
                .andExpect(content().string(Matchers.containsString("bloquée pendant 15 minutes")));
    }

    @Test
    void parallelGuessesGetNoMoreTriesThanTheLimit() throws Exception {
        Account account = accounts.create(Role.ADMIN);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> guesses = IntStream.range(0, 24)
                    .<Callable<String>>mapToObj(i -> () -> {
                        try {
                            authenticationManager.authenticate(
                                    new UsernamePasswordAuthenticationToken(account.username(), "guess-" + i));
                            return "signed-in";
                        }
                        catch (LockedException ex) {
                            return "locked";
                        }
                        catch (AuthenticationException ex) {
                            return "wrong";
                        }
                    })
                    .toList();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> outcome : pool.invokeAll(guesses)) {
                outcomes.add(outcome.get());
            }

            assertThat(outcomes).doesNotContain("signed-in");
            assertThat(outcomes.stream().filter("wrong"::equals).count()).isLessThanOrEqualTo(4);
        }
        finally {
            pool.shutdown();
        }
        mvc.perform(formLogin().user(account.username()).password(account.password()))
                .andExpect(redirectedUrl("/login?locked"));
    }

    @Test
    void correctPasswordsSentAtTheSameMomentAreAllAccepted() throws Exception {
        Account account = accounts.create(Role.ADVISOR);
        int parallel = 32;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<String>> signIns = IntStream.range(0, parallel)
                    .<Callable<String>>mapToObj(i -> () -> {
                        start.await();
                        return mvc.perform(formLogin().user(account.username()).password(account.password()))
                                .andReturn().getResponse().getRedirectedUrl();
                    })
                    .toList();
            List<Future<String>> answers = signIns.stream().map(pool::submit).toList();
            start.countDown();
            List<String> landings = new ArrayList<>();
            for (Future<String> answer : answers) {
                landings.add(answer.get());
            }

            assertThat(landings).hasSize(parallel).allMatch(Role.ADVISOR.homePath()::equals);
        }
        finally {
            pool.shutdown();
        }
        assertNoThrottleRowFor(account);
    }

    @Test
    void aCorrectPasswordAmongParallelWrongGuessesBeforeTheLockIsAccepted() throws Exception {
        Account account = accounts.create(Role.ADVISOR);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> attempts = IntStream.range(0, 4)
                    .<Callable<String>>mapToObj(i -> () -> mvc.perform(formLogin().user(account.username())
                                    .password(i == 0 ? account.password() : "wrong-" + i))
                            .andReturn().getResponse().getRedirectedUrl())
                    .toList();
            List<String> landings = new ArrayList<>();
            for (Future<String> answer : pool.invokeAll(attempts)) {
                landings.add(answer.get());
            }

            assertThat(landings).containsOnlyOnce(Role.ADVISOR.homePath()).doesNotContain("/login?locked");
        }
        finally {
            pool.shutdown();
        }
    }

    @Test
    void aLinkFollowedBeforeSigningInIsOpenedAfterwards() throws Exception {
        Account account = accounts.create(Role.ADVISOR);
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/advisor/referrals").session(session)).andExpect(redirectedUrl("/login"));

        mvc.perform(post("/login").session(session).with(csrf())
                        .param("username", account.username()).param("password", account.password()))
                .andExpect(redirectedUrl("http://localhost/advisor/referrals?continue"));
    }

    @Test
    void unknownUsernamesLockTheSameWaySoNothingRevealsWhichAccountsExist() throws Exception {
        String unknown = "nobody-" + System.nanoTime();

        for (int attempt = 1; attempt <= 4; attempt++) {
            mvc.perform(formLogin().user(unknown).password("wrong")).andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin().user(unknown).password("wrong")).andExpect(redirectedUrl("/login?locked"));
    }

    @Test
    void theLockEndsAfterItsDurationAndSuccessResetsTheCount() throws Exception {
        Account account = accounts.create(Role.ADVISOR);
        for (int attempt = 1; attempt <= 5; attempt++) {
            mvc.perform(formLogin().user(account.username()).password("wrong"));
        }
        jdbc.sql("update login_throttle set locked_until = now() - interval '1 second',"
                + " last_failure_at = now() - interval '16 minutes' where username_hash = ?")
                .param(LoginThrottle.hash(account.username())).update();

        mvc.perform(formLogin().user(account.username()).password(account.password())).andExpect(authenticated());
        assertNoThrottleRowFor(account);
    }

    @Test
    void disabledAccountsCannotSignIn() throws Exception {
        Account account = accounts.create(Role.ADVISOR);
        accounts.disable(account.user());

        mvc.perform(formLogin().user(account.username()).password(account.password()))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void throttleNeverStoresTheTypedUsername() throws Exception {
        String typed = "secret-typed-" + System.nanoTime();
        mvc.perform(formLogin().user(typed).password("wrong"));

        long rows = jdbc.sql("select count(*) from login_throttle where username_hash like ?")
                .param("%" + typed + "%").query(Long.class).single();
        assertThat(rows).isZero();
    }

    @Test
    void anotherRolesPageAnswers403WithTheErrorPage() throws Exception {
        Account account = accounts.create(Role.ADVISOR);

        mvc.perform(get("/admin").with(user(principal(account))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/officer").with(user(principal(account))))
                .andExpect(status().isForbidden());
    }

    @Test
    void unknownPagesAnswer404ToSignedInUsers() throws Exception {
        Account account = accounts.create(Role.ADVISOR);

        mvc.perform(get("/does-not-exist").with(user(principal(account)))).andExpect(status().isNotFound());
    }

    @Test
    void logoutNeedsTheCsrfTokenAndEndsTheSession() throws Exception {
        Account account = accounts.create(Role.PROVIDER);
        var principal = principal(account);

        mvc.perform(post("/logout").with(user(principal))).andExpect(status().isForbidden());
        mvc.perform(logout()).andExpect(redirectedUrl("/login?logout")).andExpect(unauthenticated());
        mvc.perform(post("/logout").with(user(principal)).with(csrf())).andExpect(redirectedUrl("/login?logout"));
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy",
                        Matchers.allOf(Matchers.containsString("script-src 'self'"),
                                Matchers.containsString("frame-ancestors 'none'"))))
                .andExpect(header().string("Referrer-Policy", "same-origin"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void signedInUsersAreSentFromTheLoginPageToTheirHome() throws Exception {
        Account account = accounts.create(Role.ADMIN);

        mvc.perform(get("/login").with(user(principal(account))))
                .andExpect(redirectedUrl("/admin"));
        mvc.perform(get("/").with(user(principal(account))))
                .andExpect(redirectedUrl("/admin"));
    }

    private void assertNoThrottleRowFor(Account account) {
        long rows = jdbc.sql("select count(*) from login_throttle where username_hash = ?")
                .param(LoginThrottle.hash(account.username())).query(Long.class).single();
        assertThat(rows).isZero();
    }

    private static CurrentUser principal(Account account) {
        return new CurrentUser(account.user());
    }
}
