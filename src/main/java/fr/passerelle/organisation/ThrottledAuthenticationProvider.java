package fr.passerelle.organisation;

import fr.passerelle.system.DatabaseFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Puts the login throttle around the password check, one check at a time per username
 * ({@link LoginThrottle#serialised}). A locked username is refused before its password is looked at, with the same
 * answer whether the account exists or not. When the database cannot be reached, the sign-in fails as a database
 * failure (answered 503), never as a wrong password, and counts no attempt. Counts the failed sign-ins
 * ({@code passerelle.login.failures}, tag {@code reason}: {@code bad_credentials}, or {@code locked} for an attempt
 * on a locked username) and the lockouts ({@code passerelle.login.lockouts}: failures that locked a username); never
 * which username.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;
    private final Counter badCredentials;
    private final Counter refusedWhileLocked;
    private final Counter lockouts;

    ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle, MeterRegistry meters) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.badCredentials = Counter.builder("passerelle.login.failures").tag("reason", "bad_credentials")
                .description("Failed sign-ins").register(meters);
        this.refusedWhileLocked = Counter.builder("passerelle.login.failures").tag("reason", "locked")
                .description("Failed sign-ins").register(meters);
        this.lockouts = Counter.builder("passerelle.login.lockouts")
                .description("Failed sign-ins that locked their username").register(meters);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        Object outcome = throttle.serialised(username, () -> check(username, authentication));
        if (outcome instanceof AuthenticationException refused) {
            throw refused;
        }
        return (Authentication) outcome;
    }

    /** The authentication, or why it was refused: returned, not thrown, so that the failure counted is committed. */
    private Object check(String username, Authentication authentication) {
        if (throttle.isLocked(username)) {
            refusedWhileLocked.increment();
            return new LockedException("Too many failed logins");
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.succeeded(username);
            return result;
        }
        catch (InternalAuthenticationServiceException ex) {
            // The account could not be read: not a wrong password, and no attempt is counted. When the database
            // cannot be reached, the exception goes on as the database failure it is, and the visitor gets the
            // "service momentarily unavailable" page (system.DatabaseUnavailableFilter) instead of "wrong password".
            if (DatabaseFailures.isUnavailable(ex) && ex.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw ex;
        }
        catch (AuthenticationException ex) {
            badCredentials.increment();
            if (throttle.failed(username)) {
                lockouts.increment();
                return new LockedException("Too many failed logins", ex);
            }
            return ex;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
