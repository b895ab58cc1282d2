package fr.passerelle.statistics.web;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.passerelle.statistics.UnmetNeeds;

import org.springframework.validation.Errors;

/**
 * The unmet needs export's request, bound from the query string ({@code from=2026-01&to=2026-12}, optionally
 * {@code epci} or {@code commune}): months as {@code AAAA-MM} (what a month input sends) or {@code MM/AAAA} (what a
 * person types where the browser shows a text field), at most {@value UnmetNeeds#MAX_MONTHS} of them, from January
 * 2019 to the current month. The EPCI and the commune are what the user typed or picked, resolved by the controller.
 */
public class UnmetNeedsForm {

    /** Nothing happened before Passerelle existed (as the statistics page's periods). */
    static final YearMonth EARLIEST = YearMonth.of(2019, 1);

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})");

    private static final Pattern FRENCH = Pattern.compile("(\\d{1,2})/(\\d{4})");

    private String from;

    private String to;

    private String epci;

    private String commune;

    /** The months asked for, if valid: otherwise each error is said next to its field and null is returned. */
    public Months resolve(YearMonth current, Errors errors) {
        YearMonth first = month("from", from, errors);
        YearMonth last = month("to", to, errors);
        if (first != null && first.isBefore(EARLIEST)) {
            errors.rejectValue("from", "statistics.unmetNeeds.from.tooEarly");
            first = null;
        }
        if (last != null && last.isAfter(current)) {
            errors.rejectValue("to", "statistics.unmetNeeds.to.future");
            last = null;
        }
        if (first != null && last != null) {
            if (last.isBefore(first)) {
                errors.rejectValue("to", "statistics.unmetNeeds.to.beforeFrom");
            }
            else if (UnmetNeeds.months(first, last) > UnmetNeeds.MAX_MONTHS) {
                errors.rejectValue("to", "statistics.unmetNeeds.to.tooLong",
                        new Object[] {UnmetNeeds.MAX_MONTHS, UnmetNeeds.months(first, last)}, null);
            }
        }
        if (epci() != null && commune() != null) {
            errors.rejectValue("commune", "statistics.unmetNeeds.commune.withEpci");
        }
        return errors.hasFieldErrors("from") || errors.hasFieldErrors("to") ? null : new Months(first, last);
    }

    /** The first and last months, both included. */
    public record Months(YearMonth from, YearMonth to) {
    }

    private static YearMonth month(String field, String value, Errors errors) {
        if (value == null || value.isBlank()) {
            errors.rejectValue(field, "statistics.unmetNeeds." + field + ".required");
            return null;
        }
        String text = value.strip();
        Matcher iso = ISO.matcher(text);
        Matcher french = FRENCH.matcher(text);
        try {
            if (iso.matches()) {
                return YearMonth.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)));
            }
            if (french.matches()) {
                return YearMonth.of(Integer.parseInt(french.group(2)), Integer.parseInt(french.group(1)));
            }
        }
        catch (DateTimeException ex) {
            // A month 13 or 0: said below as any other unreadable month.
        }
        errors.rejectValue(field, "statistics.unmetNeeds.month.invalid");
        return null;
    }

    /** The EPCI typed or picked, if any. */
    public String epci() {
        return epci == null || epci.isBlank() ? null : epci.strip();
    }

    /** The commune typed or picked, if any. */
    public String commune() {
        return commune == null || commune.isBlank() ? null : commune.strip();
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getEpci() {
        return epci;
    }

    public void setEpci(String epci) {
        this.epci = epci;
    }

    public String getCommune() {
        return commune;
    }

    public void setCommune(String commune) {
        this.commune = commune;
    }
}
