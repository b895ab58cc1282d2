package fr.passerelle.system;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

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
 * <p>
 * The page can replace the response only while nothing of it was sent, and the database may fail late: the session
 * store writes the session when the template flushes its output and again once the request is done. So the response
 * is held back until the request ends ({@link HeldBackResponse}): a buffer of {@value #HELD_BACK_BYTES} bytes, the
 * flushes of the code inside ignored; a page is sent whole when the request ends, with its length. A longer download
 * (an export) is sent as it is written once the buffer is full, as before.
 */
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    static final String VIEW = "error/503";

    /**
     * Larger than any page (at most 200 KB of HTML is the target, pages weigh under 60 KB), and small enough for
     * Tomcat to keep the buffer with its recycled response (it drops those over 16 times its 8 KB default).
     */
    static final int HELD_BACK_BYTES = 128 * 1024;

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
        if (request.getDispatcherType() == DispatcherType.REQUEST && response.getBufferSize() < HELD_BACK_BYTES) {
            response.setBufferSize(HELD_BACK_BYTES);
        }
        try {
            chain.doFilter(request, new HeldBackResponse(response));
        }
        catch (ServletException | IOException | RuntimeException ex) {
            if (!DatabaseFailures.isUnavailable(ex)) {
                throw ex;
            }
            if (response.isCommitted()) {
                log.warn("Database unavailable after {} {} began to be sent: {}", request.getMethod(),
                        request.getRequestURI(), DatabaseFailures.describe(ex));
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

    /**
     * The response as the code inside sees it: its flushes are ignored, so nothing is sent before the request ends
     * but what overflows the buffer.
     */
    static final class HeldBackResponse extends HttpServletResponseWrapper {

        private PrintWriter writer;
        private ServletOutputStream stream;

        HeldBackResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void flushBuffer() {
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new FilterWriter(super.getWriter()) {
                    @Override
                    public void flush() {
                    }
                });
            }
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream out = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() throws IOException {
                        out.close();
                    }

                    @Override
                    public boolean isReady() {
                        return out.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        out.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
