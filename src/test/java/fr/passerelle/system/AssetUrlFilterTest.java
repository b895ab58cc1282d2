package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.servlet.resource.ResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/** The links a page builds: an asset's gets its versioned address, any other is left alone without a look-up. */
class AssetUrlFilterTest {

    /** Answers as a resource chain would, and records the paths it was asked to version. */
    private static final class RecordingResolver implements ResourceResolver {

        final List<String> asked = new ArrayList<>();

        @Override
        public Resource resolveResource(HttpServletRequest request, String requestPath,
                List<? extends Resource> locations, ResourceResolverChain chain) {
            return null;
        }

        @Override
        public String resolveUrlPath(String resourcePath, List<? extends Resource> locations,
                ResourceResolverChain chain) {
            asked.add(resourcePath);
            return resourcePath.equals("missing.css") ? null : resourcePath.replace(".css", "-0123.css");
        }
    }

    private final RecordingResolver resolver = new RecordingResolver();
    private final AssetUrlFilter filter = new AssetUrlFilter(urls(resolver), List.of("/webjars/", "/css/"));

    @Test
    void anAssetsLinkIsVersionedAndAnyOtherLinkIsNotLookedUp() throws Exception {
        HttpServletResponse response = encodingResponse(new MockHttpServletRequest("GET", "/officer"));

        assertThat(response.encodeURL("/css/app.css")).isEqualTo("/css/app-0123.css");
        assertThat(response.encodeURL("/webjars/bootstrap/css/bootstrap.min.css"))
                .isEqualTo("/webjars/bootstrap/css/bootstrap.min-0123.css");
        assertThat(response.encodeURL("/officer/referrals/12/routing")).isEqualTo("/officer/referrals/12/routing");
        assertThat(response.encodeURL("/csv/export")).isEqualTo("/csv/export");
        assertThat(response.encodeURL("/css/missing.css")).isEqualTo("/css/missing.css");

        assertThat(resolver.asked).containsExactly("app.css", "bootstrap/css/bootstrap.min.css", "missing.css");
    }

    @Test
    void anAssetsAddressIsLookedUpOnceForEveryPage() throws Exception {
        for (int page = 0; page < 3; page++) {
            HttpServletResponse response = encodingResponse(new MockHttpServletRequest("GET", "/officer"));
            assertThat(response.encodeURL("/css/app.css")).isEqualTo("/css/app-0123.css");
            assertThat(response.encodeURL("/css/missing.css")).isEqualTo("/css/missing.css");
        }

        assertThat(resolver.asked).containsExactly("app.css", "missing.css");
    }

    @Test
    void theContextPathComesFirst() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/passerelle/officer");
        request.setContextPath("/passerelle");
        HttpServletResponse response = encodingResponse(request);

        assertThat(response.encodeURL("/passerelle/css/app.css")).isEqualTo("/passerelle/css/app-0123.css");
        assertThat(response.encodeURL("/css/app.css")).isEqualTo("/css/app.css");
        assertThat(response.encodeURL("/passerelle/officer/css/app.css")).isEqualTo("/passerelle/officer/css/app.css");
        assertThat(resolver.asked).containsExactly("app.css");
    }

    /** Spring MVC's look-up of assets' addresses, with the resolver for the two asset paths. */
    private static ResourceUrlProvider urls(ResourceResolver resolver) {
        ResourceHttpRequestHandler assets = new ResourceHttpRequestHandler();
        assets.setResourceResolvers(List.of(resolver));
        ResourceUrlProvider urls = new ResourceUrlProvider();
        urls.setHandlerMap(Map.of("/css/**", assets, "/webjars/**", assets));
        return urls;
    }

    /** The response the code behind the filter writes to. */
    private HttpServletResponse encodingResponse(MockHttpServletRequest request) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return (HttpServletResponse) chain.getResponse();
    }
}
