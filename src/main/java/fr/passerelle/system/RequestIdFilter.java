package fr.passerelle.system;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request an id, in every log line written while it is served (MDC key {@code requestId}, a field of the
 * JSON logs) and in the {@code X-Request-Id} response header, so that a user's report or a proxy's log leads to the
 * application's lines. An id sent by the reverse proxy is kept when it is well-formed (letters, digits, {@code - _ .},
 * 1 to 64 characters); anything else is replaced, so that nobody can write what they like into the logs.
 */
class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = request.getHeader(HEADER);
        if (id == null || !WELL_FORMED.matcher(id).matches()) {
            id = newId();
        }
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        }
        finally {
            MDC.remove(MDC_KEY);
        }
    }

    /**
     * A random UUID (version 4) from the thread's own generator: an id to find log lines by, not a secret, while
     * {@link UUID#randomUUID()} draws from a {@code SecureRandom} whose one lock all requests share.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xCL << 60) | 0x8L << 60;
        return new UUID(high, low).toString();
    }
}
