package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdFilterTest {

    private final RequestIdFilter filter = new RequestIdFilter();

    @Test
    void aRequestWithoutAnIdIsGivenARandomUuidInTheHeaderAndTheLogs() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> logged = new AtomicReference<>();

        filter.doFilter(new MockHttpServletRequest("GET", "/login"), response,
                new MockFilterChain(new HttpServlet() {
                    @Override
                    protected void service(HttpServletRequest request,
                            HttpServletResponse servletResponse) {
                        logged.set(MDC.get(RequestIdFilter.MDC_KEY));
                    }
                }));

        String id = response.getHeader(RequestIdFilter.HEADER);
        UUID uuid = UUID.fromString(id);
        assertThat(uuid.version()).isEqualTo(4);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.toString()).isEqualTo(id);
        assertThat(logged.get()).isEqualTo(id);
        assertThat(MDC.get(RequestIdFilter.MDC_KEY)).as("removed once the request is served").isNull();
    }

    @Test
    void everyIdIsNew() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RequestIdFilter.newId());
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void aWellFormedIdFromTheProxyIsKeptAnythingElseReplaced() throws Exception {
        MockHttpServletRequest fromProxy = new MockHttpServletRequest("GET", "/login");
        fromProxy.addHeader(RequestIdFilter.HEADER, "proxy-42.a_b");
        MockHttpServletResponse kept = new MockHttpServletResponse();
        filter.doFilter(fromProxy, kept, new MockFilterChain());

        MockHttpServletRequest forged = new MockHttpServletRequest("GET", "/login");
        forged.addHeader(RequestIdFilter.HEADER, "x\n{\"level\":\"ERROR\"}");
        MockHttpServletResponse replaced = new MockHttpServletResponse();
        filter.doFilter(forged, replaced, new MockFilterChain());

        assertThat(kept.getHeader(RequestIdFilter.HEADER)).isEqualTo("proxy-42.a_b");
        assertThat(UUID.fromString(replaced.getHeader(RequestIdFilter.HEADER)).version()).isEqualTo(4);
    }
}
