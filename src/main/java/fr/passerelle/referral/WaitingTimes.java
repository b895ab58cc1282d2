package fr.passerelle.referral;

import java.time.Instant;

import fr.passerelle.system.PageHelper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * How long something has waited, as the queues write it: "5 min", "3 h", "2 j", in whole minutes, hours or days, in
 * the request's language. Read by the templates from the model ({@code ${waitingTimes.text(since, now)}}, and the
 * fragment {@code referral/fragments :: waiting}): the lists' rows call it directly rather than inserting a fragment
 * per row.
 */
@Component
public class WaitingTimes implements PageHelper {

    private static final long HOUR = 60;
    private static final long DAY = 24 * HOUR;

    private final MessageSource messages;

    WaitingTimes(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public String modelName() {
        return "waitingTimes";
    }

    /** The time from {@code since} to {@code now} (the page's instant). */
    public String text(Instant since, Instant now) {
        long minutes = (now.getEpochSecond() - since.getEpochSecond()) / 60;
        if (minutes < HOUR) {
            return message("referral.waiting.minutes", minutes);
        }
        if (minutes < DAY) {
            return message("referral.waiting.hours", minutes / HOUR);
        }
        return message("referral.waiting.days", minutes / DAY);
    }

    private String message(String code, long value) {
        return messages.getMessage(code, new Object[] {value}, LocaleContextHolder.getLocale());
    }
}
