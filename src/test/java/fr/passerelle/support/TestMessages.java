package fr.passerelle.support;

import org.springframework.context.support.ResourceBundleMessageSource;

/** The application's messages ({@code messages*.properties}), for unit tests without the application context. */
public final class TestMessages {

    private TestMessages() {
    }

    public static ResourceBundleMessageSource source() {
        return configure(new ResourceBundleMessageSource());
    }

    /** The source given, reading the application's messages as the application does. */
    public static <T extends ResourceBundleMessageSource> T configure(T source) {
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
