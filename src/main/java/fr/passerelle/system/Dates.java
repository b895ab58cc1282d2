package fr.passerelle.system;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and times as the pages write them, {@code ${dates.format(offer.sentAt(), 'dd/MM/yyyy HH:mm')}}, in the
 * request's language and, for an instant, the application's time zone. Each pattern is parsed once per language:
 * Thymeleaf's {@code #temporals.format} parsed it at every call, dozens of times on a list page.
 */
@Component
public class Dates implements PageHelper {

    private record Key(String pattern, Locale locale) {
    }

    private final Map<Key, DateTimeFormatter> formatters = new ConcurrentHashMap<>();
    private final ZoneId zone;

    Dates(Clock clock) {
        this.zone = clock.getZone();
    }

    @Override
    public String modelName() {
        return "dates";
    }

    /**
     * {@code value} (a date, a date-time with or without its zone, or an instant, shown in the application's zone)
     * written with {@code pattern}; {@code null} for none.
     */
    public String format(TemporalAccessor value, String pattern) {
        if (value == null) {
            return null;
        }
        TemporalAccessor shown = value instanceof Instant instant ? instant.atZone(zone) : value;
        return formatters.computeIfAbsent(new Key(pattern, LocaleContextHolder.getLocale()),
                key -> DateTimeFormatter.ofPattern(key.pattern(), key.locale())).format(shown);
    }
}
