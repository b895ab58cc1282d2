package fr.passerelle.system;

import java.text.DateFormat;
import java.text.FieldPosition;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.context.MessageSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The messages ({@code messages*.properties}, configured by {@code spring.messages.*} as Spring Boot would), formatted
 * as {@link MessageFormat} formats them, without its cost for numbers: for an argument written {@code {0}} that is a
 * number, {@code MessageFormat} makes a new {@code NumberFormat} at every call, which was two thirds of the time spent
 * formatting messages in a profile of the routing queue (a referral's number on each of its sixty rows; 6 % of the
 * page). Each message's format here keeps one per argument, used under the lock Spring already takes on the message's
 * format; the text is the same. A message's text is read from one map per bundle rather than asked of the bundle and
 * of its parents twice (whether it has the key, then its value): 1.7 % of the routing queue in a profile, 0.1 % after.
 */
@Configuration(proxyBeanMethods = false)
class MessagesConfiguration {

    @Bean
    @ConfigurationProperties("spring.messages")
    MessageSourceProperties messageSourceProperties() {
        return new MessageSourceProperties();
    }

    @Bean
    MessageSource messageSource(MessageSourceProperties properties) {
        ResourceBundleMessageSource messages = new ApplicationMessages();
        messages.setBasenames(properties.getBasename().toArray(String[]::new));
        if (properties.getEncoding() != null) {
            messages.setDefaultEncoding(properties.getEncoding().name());
        }
        messages.setFallbackToSystemLocale(properties.isFallbackToSystemLocale());
        if (properties.getCacheDuration() != null) {
            messages.setCacheMillis(properties.getCacheDuration().toMillis());
        }
        messages.setAlwaysUseMessageFormat(properties.isAlwaysUseMessageFormat());
        messages.setUseCodeAsDefaultMessage(properties.isUseCodeAsDefaultMessage());
        return messages;
    }

    /**
     * Gives each argument without a format of its own (a plain {@code {0}}) a {@link PlainArgument}, and reads the
     * texts of a bundle that is never reloaded (no {@code spring.messages.cache-duration}) from a map of its own and
     * its parents' keys, made at its first message. There is one such map per bundle, not per locale: every locale
     * without messages of its own (a language cookie can name any) is given the same bundle.
     */
    static final class ApplicationMessages extends ResourceBundleMessageSource {

        private final Map<ResourceBundle, Map<String, String>> texts = new ConcurrentHashMap<>();

        @Override
        protected String getStringOrNull(ResourceBundle bundle, String key) {
            if (getCacheMillis() >= 0) {
                return super.getStringOrNull(bundle, key);
            }
            return texts.computeIfAbsent(bundle, ApplicationMessages::textsOf).get(key);
        }

        private static Map<String, String> textsOf(ResourceBundle bundle) {
            Map<String, String> texts = new HashMap<>();
            for (String key : bundle.keySet()) {
                texts.put(key, bundle.getString(key));
            }
            return Map.copyOf(texts);
        }

        /** How many bundles' texts are kept (for the tests). */
        int bundlesKept() {
            return texts.size();
        }

        @Override
        protected MessageFormat createMessageFormat(String message, Locale locale) {
            MessageFormat format = super.createMessageFormat(message, locale);
            Format[] formats = format.getFormats();
            for (int i = 0; i < formats.length; i++) {
                if (formats[i] == null) {
                    format.setFormat(i, new PlainArgument(locale));
                }
            }
            return format;
        }
    }

    /**
     * What {@link MessageFormat} does with an argument that has no format: a number with the locale's
     * {@code NumberFormat} (made once here), a date with its short date and time, a string as it is, anything else
     * by {@code toString()}. Not thread-safe, as {@code MessageFormat} itself: used under its lock.
     */
    static final class PlainArgument extends Format {

        private final Locale locale;
        private transient NumberFormat numbers;

        PlainArgument(Locale locale) {
            this.locale = locale;
        }

        @Override
        public StringBuffer format(Object argument, StringBuffer into, FieldPosition position) {
            if (argument instanceof Number number) {
                if (numbers == null) {
                    numbers = NumberFormat.getInstance(locale);
                }
                return numbers.format(number, into, position);
            }
            if (argument instanceof Date date) {
                return into.append(DateFormat.getDateTimeInstance(DateFormat.SHORT, DateFormat.SHORT, locale)
                        .format(date));
            }
            return into.append(argument instanceof String text ? text : String.valueOf(argument));
        }

        @Override
        public Object parseObject(String source, ParsePosition position) {
            throw new UnsupportedOperationException("messages are only formatted");
        }
    }
}
