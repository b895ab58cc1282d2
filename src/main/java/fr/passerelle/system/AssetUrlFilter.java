package fr.passerelle.system;

import java.io.IOException;
import java.util.List;

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

    private final ResourceUrlProvider urls;
    private final List<String> prefixes;

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
            if (isAsset(request.getContextPath(), url)) {
                String versioned = urls.getForRequestUrl(request, url);
                if (versioned != null) {
                    return super.encodeURL(versioned);
                }
            }
            return super.encodeURL(url);
        }
    }
}
