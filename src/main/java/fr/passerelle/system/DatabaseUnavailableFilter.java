package fr.passerelle.system;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Answers 503 with the application's page "service momentarily unavailable" (French, or English when chosen) when a
 * request fails because the database cannot be reached, instead of a 500 or a stack trace. It is the outermost filter
 * ({@link ObservabilityConfiguration}), in front of the session store, which reads and writes the database too: the
 * page is rendered here, from a template that needs neither the session, nor the signed-in user, nor the database.
 * Whatever the request was doing is rolled back with its transaction; the user tries again once the database is back,
 * which the connection pool notices by itself.
 */
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    static final String VIEW = "error/503";

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ITemplateEngine templates;
    private final LocaleResolver locales;

    DatabaseUnavailableFilter(ITemplateEngine templates, LocaleResolver locales) {
        this.templates = templates;
        this.locales = locales;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        }
        catch (ServletException | IOException | RuntimeException ex) {
            if (!DatabaseFailures.isUnavailable(ex) || response.isCommitted()) {
                throw ex;
            }
            log.warn("Database unavailable, {} {} answered 503: {}", request.getMethod(), request.getRequestURI(),
                    DatabaseFailures.describe(ex));
            unavailable(request, response);
        }
    }

    /** Error dispatches too: a page failing while an error is shown must not fall back to the container's page. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    private void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = response.getHeader(RequestIdFilter.HEADER);
        response.reset();
        if (requestId != null) {
            response.setHeader(RequestIdFilter.HEADER, requestId);
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        Locale locale = locale(request);
        WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
                .buildExchange(request, response), locale);
        templates.process(VIEW, context, response.getWriter());
        response.flushBuffer();
    }

    /** The language chosen with {@code ?lang=} or the language cookie; French otherwise. */
    private Locale locale(HttpServletRequest request) {
        String lang = request.getParameter("lang");
        if ("en".equals(lang) || "fr".equals(lang)) {
            return Locale.forLanguageTag(lang);
        }
        return locales.resolveLocale(request);
    }
}
