package fr.passerelle.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import fr.passerelle.system.DatabaseFailures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;

/**
 * Signing in while the database cannot be reached: the failure goes on as a database failure, which
 * {@code system.DatabaseUnavailableFilter} answers with the 503 page "service momentarily unavailable", never as a
 * wrong password, and no failed attempt is counted.
 */
@IntegrationTest
class ThrottledAuthenticationProviderTest {

    @Autowired
    TestAccounts accounts;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAccountThatCannotBeReadIsADatabaseFailureNotAWrongPasswordAndCountsNoAttempt() {
        Account account = accounts.create(Role.ADVISOR);
        ThrottledAuthenticationProvider provider = new ThrottledAuthenticationProvider(
                unreachableDatabase(), throttle, new SimpleMeterRegistry());

        assertThatThrownBy(() -> provider.authenticate(
                new UsernamePasswordAuthenticationToken(account.username(), account.password())))
                .isNotInstanceOf(AuthenticationException.class)
                .satisfies(failure -> assertThat(DatabaseFailures.isUnavailable(failure)).isTrue());
        assertThat(jdbc.sql("select count(*) from login_throttle where username_hash = ?")
                .param(LoginThrottle.hash(account.username())).query(Long.class).single()).isZero();
    }

    /** A password check whose account lookup fails as when PostgreSQL is restarting. */
    private static org.springframework.security.authentication.AuthenticationProvider unreachableDatabase() {
        return new org.springframework.security.authentication.AuthenticationProvider() {
            @Override
            public org.springframework.security.core.Authentication authenticate(
                    org.springframework.security.core.Authentication authentication) {
                throw new InternalAuthenticationServiceException("lookup failed",
                        new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return true;
            }
        };
    }
}
