package fr.passerelle.system;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Rewrites the links to static assets that pages build ({@code @{...}}) into their versioned addresses, as Spring's
 * {@link ResourceUrlEncodingFilter} does, but looks only at the links under an asset's path: Spring's filter matched
 * every link of a page against each asset pattern (a path matcher run per link and pattern, 4 to 6 % of a page's time
 * in a profile), when a page has a handful of assets among dozens of links. It replaces Spring's filter (Spring Boot
 * registers none of its own beside a filter of that type).
 */
class AssetUrlFilter extends ResourceUrlEncodingFilter {

    /** Bound on the addresses remembered: a page's assets are a handful, all of them known to the templates. */
    static final int REMEMBERED_MAX = 256;

    private final ResourceUrlProvider urls;
    private final List<String> prefixes;

    /**
     * The versioned address of each asset's link already asked for (the link itself when the asset is unknown): the
     * resource chain caches what it resolves (its {@code resourceChain(true)}), so an address does not change while
     * the application runs, and finding it again matched paths and read request attributes for each of a page's
     * half-dozen assets (about 4 % of a small page's time in a profile).
     */
    private final Map<String, String> versioned = new ConcurrentHashMap<>();

    /**
     * @param prefixes the paths the assets are served under, without the context path: a folder ends with a slash
     *     ({@code /css/}), a single file does not ({@code /favicon.svg})
     */
    AssetUrlFilter(ResourceUrlProvider urls, List<String> prefixes) {
        this.urls = urls;
        this.prefixes = List.copyOf(prefixes);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request instanceof HttpServletRequest httpRequest && response instanceof HttpServletResponse httpResponse) {
            chain.doFilter(request, new AssetUrlResponse(httpRequest, httpResponse));
        }
        else {
            chain.doFilter(request, response);
        }
    }

    /** Whether {@code url} is an address under one of the assets' paths (the context path included). */
    boolean isAsset(String contextPath, String url) {
        if (!url.startsWith(contextPath)) {
            return false;
        }
        for (String prefix : prefixes) {
            if (url.startsWith(prefix, contextPath.length())) {
                return true;
            }
        }
        return false;
    }

    private final class AssetUrlResponse extends HttpServletResponseWrapper {

        private final HttpServletRequest request;

        AssetUrlResponse(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public String encodeURL(String url) {
            if (!isAsset(request.getContextPath(), url)) {
                return super.encodeURL(url);
            }
            String known = versioned.get(url);
            if (known == null) {
                String found = urls.getForRequestUrl(request, url);
                known = found != null ? found : url;
                if (versioned.size() < REMEMBERED_MAX) {
                    versioned.put(url, known);
                }
            }
            return super.encodeURL(known);
        }
    }
}
