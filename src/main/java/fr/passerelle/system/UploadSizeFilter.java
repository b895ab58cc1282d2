package fr.passerelle.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends an upload larger than {@code spring.servlet.multipart.max-request-size} back to its page with
 * {@code ?tooLarge}, where the page says so in French next to the file field. Without it the server refuses to read
 * the parts, the CSRF token in the body is never found and the administrator gets a bare 403 (or 413). Registered
 * before Spring Security, for that reason, by {@link WebConfiguration}; it decides on the declared length alone and
 * never reads the body (Tomcat discards it, up to {@code server.tomcat.max-swallow-size}).
 */
class UploadSizeFilter extends OncePerRequestFilter {

    static final String TOO_LARGE = "tooLarge";

    private final DataSize maxRequestSize;

    UploadSizeFilter(DataSize maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        return !"POST".equals(request.getMethod()) || contentType == null
                || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (maxRequestSize.toBytes() >= 0 && request.getContentLengthLong() > maxRequestSize.toBytes()) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getRequestURI() + "?" + TOO_LARGE);
            response.setHeader("Connection", "close");
            return;
        }
        chain.doFilter(request, response);
    }
}
