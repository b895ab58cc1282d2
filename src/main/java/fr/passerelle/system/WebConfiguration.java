package fr.passerelle.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * French by default; {@code ?lang=en} switches to English and a cookie remembers the choice. Oversized uploads are
 * sent back to their page ({@link UploadSizeFilter}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /** Versioned assets never change: browsers and proxies keep them a year without asking again. */
    static final CacheControl ASSETS_CACHE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    /** The folders of {@code src/main/resources/static}, served under their own names. */
    static final List<String> STATIC_FOLDERS = List.of("css", "js", "images");

    private static final String FAVICON = "/favicon.svg";

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("passerelle-lang");
        resolver.setDefaultLocale(Locale.FRENCH);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    /** Before Spring Security's filters (order -100): an oversized upload never reaches the CSRF check. */
    @Bean
    FilterRegistrationBean<UploadSizeFilter> uploadSizeFilter(
            @Value("${spring.servlet.multipart.max-request-size}") DataSize maxRequestSize) {
        FilterRegistrationBean<UploadSizeFilter> registration = new FilterRegistrationBean<>(
                new UploadSizeFilter(maxRequestSize));
        registration.setOrder(-101);
        return registration;
    }

    /**
     * The static assets, each folder under its own path (instead of Spring Boot's catch-all {@code /**}). With a
     * catch-all, every link a page builds ({@code @{...}}) was looked up in the classpath as a possible asset, and a
     * miss is never cached: a list page of 20 rows spent more than half its time there. Now a link that is not under
     * one of these paths is left alone at once.
     * <p>
     * Every asset is sent with a one-year, immutable {@code Cache-Control}: its URL changes whenever its content does,
     * so a browser never asks for it again. The links built with {@code @{...}} are rewritten
     * ({@link AssetUrlFilter}): a WebJar's carry its version ({@code /webjars/bootstrap/5.3.8/...}), the
     * application's own files a hash of their content ({@code /css/app-<md5>.css}). The unversioned addresses still
     * answer, for the 503 page, which is rendered outside that filter. Pages keep Spring Security's
     * {@code no-store}: they show personal data.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(ASSETS_CACHE)
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
        for (String folder : STATIC_FOLDERS) {
            registry.addResourceHandler("/" + folder + "/**")
                    .addResourceLocations("classpath:/static/" + folder + "/")
                    .setCacheControl(ASSETS_CACHE)
                    .resourceChain(true)
                    .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
        }
        registry.addResourceHandler(FAVICON).addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
                .resourceChain(true);
    }

    /**
     * Rewrites the links to static assets that pages build into their versioned addresses. Declared as a
     * registration of Spring's filter type: Spring Boot then registers none of its own, which would look every link
     * up again (and an address already versioned misses the resolvers' cache).
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> assetUrlFilter(
            @Qualifier("mvcResourceUrlProvider") ResourceUrlProvider urls) {
        List<String> prefixes = new ArrayList<>(List.of("/webjars/", FAVICON));
        STATIC_FOLDERS.forEach(folder -> prefixes.add("/" + folder + "/"));
        return new FilterRegistrationBean<>(new AssetUrlFilter(urls, prefixes));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
        registry.addInterceptor(new LanguageLinks());
    }
}
