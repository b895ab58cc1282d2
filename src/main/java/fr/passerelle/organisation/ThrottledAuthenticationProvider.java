package fr.passerelle.organisation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Puts the login throttle in front of the password check. A locked username is refused before its password is
 * looked at, with the same answer whether the account exists or not. Counts the failed sign-ins
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
        if (!throttle.tryAttempt(username)) {
            refusedWhileLocked.increment();
            throw new LockedException("Too many failed logins");
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.succeeded(username);
            return result;
        }
        catch (AuthenticationException ex) {
            badCredentials.increment();
            if (throttle.isLocked(username)) {
                lockouts.increment();
                throw new LockedException("Too many failed logins", ex);
            }
            throw ex;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
