package fr.passerelle.system;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * For the layout: whether someone is signed in ({@code ${@authentications.signedIn()}}), as Spring Security's
 * {@code isAuthenticated()} says, without an access expression: the dialect's {@code #authorization.expression(…)}
 * built a security evaluation context and evaluated an expression at every page (up to 5 % of a light page's time).
 */
@Component
public class Authentications {

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    /** Whether the request's user is signed in: an authentication that is neither missing nor anonymous. */
    public boolean signedIn() {
        return trust.isAuthenticated(SecurityContextHolder.getContext().getAuthentication());
    }
}
