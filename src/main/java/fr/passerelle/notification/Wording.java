package fr.passerelle.notification;

import java.time.Clock;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Gives the {@link Words} of a language, in the application's time zone. */
@Component
class Wording {

    private final MessageSource messages;
    private final Clock clock;

    Wording(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    Words in(Locale locale) {
        return new Words(messages, locale, clock.getZone());
    }
}
