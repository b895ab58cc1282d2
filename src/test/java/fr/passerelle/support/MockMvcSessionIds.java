package fr.passerelle.support;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.web.util.WebUtils;

/**
 * Lets MockMvc tests keep passing a {@link MockHttpSession} from one request to the next while the sessions live in
 * PostgreSQL, as in production (Spring Session JDBC): the session's id travels in that mock session, where a browser
 * would carry the cookie, and every attribute goes through the real session store (serialised, in the database).
 * Outside MockMvc it is the cookie.
 */
@TestComponent
public class MockMvcSessionIds implements HttpSessionIdResolver {

    private static final String ID = MockMvcSessionIds.class.getName() + ".id";

    private final CookieHttpSessionIdResolver cookies = new CookieHttpSessionIdResolver();

    MockMvcSessionIds() {
        // Spring Boot configures its cookie serializer only where no other resolver is defined: this is the fallback's.
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName("SESSION");
        cookie.setSameSite("Lax");
        cookies.setCookieSerializer(cookie);
    }

    /** The id, in the session store, of the session a test carries in {@code session}; null before it has one. */
    public static String storedId(MockHttpSession session) {
        return (String) session.getAttribute(ID);
    }

    @Override
    public List<String> resolveSessionIds(HttpServletRequest request) {
        MockHttpServletRequest mock = WebUtils.getNativeRequest(request, MockHttpServletRequest.class);
        if (mock == null) {
            return cookies.resolveSessionIds(request);
        }
        HttpSession session = mock.getSession(false);
        Object id = session == null ? null : session.getAttribute(ID);
        return id == null ? List.of() : List.of((String) id);
    }

    @Override
    public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        MockHttpServletRequest mock = WebUtils.getNativeRequest(request, MockHttpServletRequest.class);
        if (mock == null) {
            cookies.setSessionId(request, response, sessionId);
            return;
        }
        mock.getSession(true).setAttribute(ID, sessionId);
    }

    /** The stored session is gone (sign-out, ended by an administrator): so is the test's. */
    @Override
    public void expireSession(HttpServletRequest request, HttpServletResponse response) {
        MockHttpServletRequest mock = WebUtils.getNativeRequest(request, MockHttpServletRequest.class);
        if (mock == null) {
            cookies.expireSession(request, response);
            return;
        }
        HttpSession session = mock.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
