package fr.passerelle.support;

import org.springframework.context.support.ResourceBundleMessageSource;

/** The application's messages ({@code messages*.properties}), for unit tests without the application context. */
public final class TestMessages {

    private TestMessages() {
    }

    public static ResourceBundleMessageSource source() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
