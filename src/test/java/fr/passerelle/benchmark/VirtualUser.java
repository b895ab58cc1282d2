package fr.passerelle.benchmark;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One person's browser: its own cookies (so its own session), redirects never followed, so that a measure is the
 * round-trip of one request and a redirect to the login page is seen. Given several instances of the application, it
 * sends each request to the next one in turn (round-robin, no stickiness: the session must be the same everywhere).
 */
public final class VirtualUser {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<URI> bases;

    private int next;

    private final HttpClient http;

    private String csrf;

    VirtualUser(URI base) {
        this(List.of(base));
    }

    public VirtualUser(List<URI> bases) {
        this.bases = List.copyOf(bases);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Signs in through the login form, as a person does; fails unless it lands on a page of the application. */
    static VirtualUser signedIn(URI base, String username, String password) {
        return signedIn(List.of(base), username, password);
    }

    /** The same, its requests going round the instances. */
    public static VirtualUser signedIn(List<URI> bases, String username, String password) {
        VirtualUser user = new VirtualUser(bases);
        user.document("/login");
        Answer answer = user.post("/login", Map.of("username", username, "password", password));
        if (!answer.ok() || answer.location() == null) {
            throw new IllegalStateException("Could not sign in as " + username + ": " + answer.describe());
        }
        return user;
    }

    /** The instance the next request goes to. */
    private synchronized URI base() {
        URI base = bases.get(next);
        next = (next + 1) % bases.size();
        return base;
    }

    /** Sends the next request to this instance (the index in the list given), then goes on in turn from there. */
    public synchronized VirtualUser on(int instance) {
        next = instance;
        return this;
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(base().resolve(path)).GET());
    }

    /** Posts a form with this session's CSRF token (the last one read from a page), in the fields' order. */
    public Answer post(String path, Map<String, String> fields) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((name, value) -> body.add(encode(name) + "=" + encode(value)));
        if (!fields.containsKey("_csrf")) {
            body.add("_csrf=" + encode(csrf));
        }
        return send(HttpRequest.newBuilder(base().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** A page read to find what to do next (not measured): it must answer 200, its CSRF token is kept. */
    public Document document(String path) {
        Answer answer = get(path);
        if (answer.status() != 200) {
            throw new IllegalStateException("GET " + path + ": " + answer.describe());
        }
        return parse(answer, path);
    }

    /** Reads an answer's page, keeping its CSRF token for the next post. */
    public Document parse(Answer answer, String path) {
        Document page = Jsoup.parse(new String(answer.body(), StandardCharsets.UTF_8),
                bases.get(0).resolve(path).toString());
        Element token = page.selectFirst("input[name=_csrf]");
        if (token != null) {
            csrf = token.val();
        }
        return page;
    }

    private Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(TIMEOUT).build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(built.method() + " " + built.uri().getRawPath(), response.statusCode(),
                    response.headers().firstValue("Location").map(built.uri()::resolve).orElse(null),
                    response.body(), System.nanoTime() - start, null);
        }
        catch (IOException ex) {
            return new Answer(built.method() + " " + built.uri().getRawPath(), 0, null, new byte[0],
                    System.nanoTime() - start, ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    /**
     * What the server answered to one request, with its round-trip time.
     *
     * @param location where a redirect points, resolved; {@code null} when the answer is no redirect
     * @param error the exception's text when no answer came (status 0)
     */
    public record Answer(String request, int status, URI location, byte[] body, long nanos, String error) {

        /** 2xx or 3xx, but never sent back to the login page (a session lost is no page served). */
        public boolean ok() {
            return status >= 200 && status < 400 && (location == null || !"/login".equals(location.getPath()));
        }

        /** Whether this is a redirect to a path matching the pattern (a regular expression). */
        public boolean redirectsTo(String pathPattern) {
            return status >= 300 && status < 400 && location != null && location.getPath().matches(pathPattern);
        }

        public String describe() {
            if (error != null) {
                return request + " failed: " + error;
            }
            return request + " answered " + status + (location == null ? "" : " to " + location.getPath()
                    + (location.getQuery() == null ? "" : "?" + location.getQuery()));
        }
    }
}
