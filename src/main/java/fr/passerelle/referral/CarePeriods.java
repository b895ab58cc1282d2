package fr.passerelle.referral;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import fr.passerelle.system.PageHelper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A care period as the pages write it, "Le 12/01/2027" or "Du 12/01/2027 au 16/01/2027", in the request's language:
 * read by the templates from the model ({@code ${carePeriods.text(firstDay, lastDay)}}, and the fragment
 * {@code referral/fragments :: dates}). A list's rows call it directly: a fragment inserted per row, with its date
 * pattern parsed at each date, was a tenth of the routing queue's rendering.
 */
@Component
public class CarePeriods implements PageHelper {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final MessageSource messages;

    CarePeriods(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public String modelName() {
        return "carePeriods";
    }

    /** One day when there is no last day or it is the first one; otherwise the range. */
    public String text(LocalDate firstDay, LocalDate lastDay) {
        if (lastDay == null || lastDay.equals(firstDay)) {
            return messages.getMessage("referral.view.dates.single", new Object[] {DAY.format(firstDay)},
                    LocaleContextHolder.getLocale());
        }
        return messages.getMessage("referral.view.dates.range",
                new Object[] {DAY.format(firstDay), DAY.format(lastDay)}, LocaleContextHolder.getLocale());
    }
}
