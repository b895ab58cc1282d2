package fr.passerelle.routing.web;

import fr.passerelle.routing.offer.TimeLeft;

import fr.passerelle.system.PageHelper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The time left before an offer's deadline as the officer's pages write it, "3 h 12 min restantes", or once past, how
 * late, "de 2 j 4 h" (beside the "En retard" badge): minutes under an hour, hours and minutes under two days, then days
 * and hours. Read by the templates from the model ({@code ${timesLeft.text(left)}}), by the routing queue's rows
 * and the fragment {@code routing/officer-fragments :: timeLeft}: a fragment inserted per row, with its six
 * conditions, was the queue's costliest cell.
 */
@Component
public class TimesLeft implements PageHelper {

    private static final long HOUR = 60;
    private static final long DAY = 24 * HOUR;

    private final MessageSource messages;

    TimesLeft(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public String modelName() {
        return "timesLeft";
    }

    /** The words after the badge; {@code null} when less than a minute late (the badge says it alone). */
    public String text(TimeLeft left) {
        long minutes = left.minutes();
        String prefix = left.overdue() ? "routing.officer.late." : "routing.officer.left.";
        if (left.overdue() && minutes < 1) {
            return null;
        }
        if (minutes < HOUR) {
            return message(prefix + "minutes", minutes);
        }
        if (minutes < 2 * DAY) {
            return message(prefix + "hours", minutes / HOUR, minutes % HOUR);
        }
        return message(prefix + "days", minutes / DAY, minutes % DAY / HOUR);
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
    }
}
