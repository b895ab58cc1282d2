package fr.passerelle.organisation;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session whose account was disabled, reset, moved to another role or organisation, or whose organisation was
 * deactivated since it signed in. One primary-key read per signed-in request, against the database rather than an
 * in-memory session registry, so that it holds whichever instance served the sign-in and survives restarts.
 * Not a bean: Spring Boot would also register it as a servlet filter outside the security chain.
 */
class SessionValidityFilter extends OncePerRequestFilter {

    static final String EXPIRED_URL = "/login?expired";

    private static final List<String> STATIC_PREFIXES = List.of("/webjars/", "/css/", "/js/", "/images/",
            "/favicon.svg");

    private final JdbcClient jdbc;

    SessionValidityFilter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user
                && !stillValid(user)) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + EXPIRED_URL);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Static assets carry no data: they need no look-up in the database. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return STATIC_PREFIXES.stream().anyMatch(path::startsWith);
    }

    private boolean stillValid(CurrentUser user) {
        Optional<Long> stamp = jdbc.sql("""
                select u.session_stamp from user_account u join organisation o on o.id = u.organisation_id
                where u.id = ? and u.enabled and o.active""")
                .param(user.getUserId())
                .query(Long.class)
                .optional();
        return stamp.isPresent() && stamp.get() == user.getSessionStamp();
    }
}
