package fr.passerelle.system;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links of the language switcher: the current page and its query, with only the language changed, so that switching
 * keeps what the page shows (a filter, a login message). The layout reads them as {@code ${languageLinks.en}}.
 */
class LanguageLinks implements HandlerInterceptor {

    static final String ATTRIBUTE = "languageLinks";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute(ATTRIBUTE, Map.of("fr", linkTo(request, "fr"), "en", linkTo(request, "en")));
        return true;
    }

    static String linkTo(HttpServletRequest request, String language) {
        // On an error page, the page the user asked for rather than /error.
        Object originalUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = originalUri instanceof String uri ? uri : request.getRequestURI();
        String query = originalUri instanceof String ? null : request.getQueryString();
        return UriComponentsBuilder.fromPath(path)
                .query(query)
                .replaceQueryParam("lang", language)
                .build()
                .toUriString();
    }
}
