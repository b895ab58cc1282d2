package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Whether the layout shows the signed-in header: as Spring Security's {@code isAuthenticated()}. */
class AuthenticationsTest {

    private final Authentications authentications = new Authentications();

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void someoneWhoSignedInIsSignedIn() {
        signIn(UsernamePasswordAuthenticationToken.authenticated("agent.caf", null,
                AuthorityUtils.createAuthorityList("ROLE_CAF_OFFICER")));

        assertThat(authentications.signedIn()).isTrue();
    }

    @Test
    void nobodyAnAnonymousVisitorOrAnUnauthenticatedTokenIsNot() {
        assertThat(authentications.signedIn()).isFalse();

        signIn(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        assertThat(authentications.signedIn()).isFalse();

        signIn(UsernamePasswordAuthenticationToken.unauthenticated("agent.caf", "secret"));
        assertThat(authentications.signedIn()).isFalse();
    }

    private static void signIn(Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }
}
