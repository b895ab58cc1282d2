package fr.passerelle.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator's endpoints, before the application's chain: the health probes are public (an orchestrator or the
 * reverse proxy calls them without credentials, and they say only UP or DOWN); everything else
 * ({@code /actuator/prometheus}) needs the metrics account, by HTTP Basic, over a stateless chain (a scrape opens no
 * session). The account is {@code passerelle.metrics.username} / {@code passerelle.metrics.password}; without a
 * password nobody can read the metrics.
 */
@Configuration(proxyBeanMethods = false)
class ManagementSecurityConfiguration {

    static final String METRICS_ROLE = "ROLE_METRICS";

    @Bean
    @Order(1)
    SecurityFilterChain managementSecurityFilterChain(HttpSecurity http,
            @Value("${passerelle.metrics.username:metrics}") String username,
            @Value("${passerelle.metrics.password:}") String password) throws Exception {
        http
                .securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasAuthority(METRICS_ROLE))
                .httpBasic(Customizer.withDefaults())
                .authenticationManager(new ProviderManager(new MetricsAccount(username, password)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // Read-only endpoints, no session, no cookie: nothing for a cross-site request to ride on.
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** One account, compared in constant time; none when no password is configured. */
    static final class MetricsAccount implements AuthenticationProvider {

        private final byte[] username;
        private final byte[] password;

        MetricsAccount(String username, String password) {
            this.username = digest(username);
            this.password = password == null || password.isEmpty() ? null : digest(password);
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            Object credentials = authentication.getCredentials();
            boolean sameName = MessageDigest.isEqual(username, digest(authentication.getName()));
            boolean samePassword = password != null && credentials != null
                    && MessageDigest.isEqual(password, digest(credentials.toString()));
            if (!sameName || !samePassword) {
                throw new BadCredentialsException("Bad metrics credentials");
            }
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null,
                    List.of(new SimpleGrantedAuthority(METRICS_ROLE)));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }

        private static byte[] digest(String text) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            }
            catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException("SHA-256 is part of every JDK", ex);
            }
        }
    }
}
