package fr.passerelle.organisation;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import java.util.Map;

/**
 * Everything is behind the login form except the login page, static assets and the answer links of offer emails
 * (whose token stands for the recipient). The actuator's endpoints have a chain of their own
 * ({@code system.ManagementSecurityConfiguration}).
 * Pages of each role are reserved to it; finer rules (organisation scoping) live in each feature's service.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** No inline script or style anywhere: every asset comes from this origin. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; "
            + "object-src 'none'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
            JdbcClient jdbc) throws Exception {
        http
                .authenticationManager(authenticationManager)
                .addFilterBefore(new SessionValidityFilter(jdbc), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/error", "/webjars/**", "/css/**", "/js/**", "/images/**",
                                "/favicon.ico", "/favicon.svg")
                        .permitAll()
                        // The accessibility statement, linked from every page (anonymous ones too), and robots.txt.
                        .requestMatchers("/accessibilite", "/robots.txt").permitAll()
                        // An offer email's answer link: the unguessable token stands for its recipient (AnswerByLink).
                        .requestMatchers("/answer/**").permitAll()
                        // The data protection notice, linked from every page's footer (privacy package).
                        .requestMatchers("/privacy").permitAll()
                        .requestMatchers("/advisor/**").hasRole(Role.ADVISOR.name())
                        .requestMatchers("/officer/**").hasRole(Role.CAF_OFFICER.name())
                        .requestMatchers("/provider/**").hasRole(Role.PROVIDER.name())
                        .requestMatchers("/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/relais/**", "/relais").hasRole(Role.RPE_FACILITATOR.name())
                        .requestMatchers("/statistics/**", "/statistics").hasAnyRole(Role.ADVISOR.name(),
                                Role.CAF_OFFICER.name(), Role.ADMIN.name())
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .successHandler(roleHomeSuccessHandler())
                        .failureHandler(failureHandler())
                        .permitAll())
                .logout(logout -> logout
                        .logoutSuccessUrl("/login?logout")
                        .deleteCookies("SESSION"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Signing in publishes Spring Security's authentication events (the statistics prepare a user's page on it). */
    @Bean
    AuthenticationManager authenticationManager(UserAccountDetailsService userDetailsService,
            PasswordEncoder passwordEncoder, LoginThrottle throttle, MeterRegistry meters,
            ApplicationEventPublisher events) {
        DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(userDetailsService);
        passwordCheck.setPasswordEncoder(passwordEncoder);
        ProviderManager manager = new ProviderManager(new ThrottledAuthenticationProvider(passwordCheck, throttle,
                meters));
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return manager;
    }

    /** Back to the page asked for before signing in (a link to a referral), otherwise to the role's home page. */
    private static AuthenticationSuccessHandler roleHomeSuccessHandler() {
        return new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response,
                    Authentication authentication) {
                return ((CurrentUser) authentication.getPrincipal()).getRole().homePath();
            }
        };
    }

    /** A lock gets its own message; every other failure the same one, so that nothing tells which accounts exist. */
    private static ExceptionMappingAuthenticationFailureHandler failureHandler() {
        var handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setDefaultFailureUrl("/login?error");
        handler.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked"));
        return handler;
    }
}
