package fr.passerelle.organisation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets an administrator pick an organisation by typing its name: there are as many organisations as childminders,
 * far too many for a list. A suggestion reads "Name — kind (département) · n° id"; the number, or else a name that
 * only one active organisation bears, tells which organisation was meant.
 */
@Component
public class OrganisationPicker {

    static final int SUGGESTIONS = 20;

    private static final Pattern NUMBER = Pattern.compile("n° (\\d{1,18})\\s*$");

    private final OrganisationRepository organisations;
    private final MessageSource messages;

    OrganisationPicker(OrganisationRepository organisations, MessageSource messages) {
        this.organisations = organisations;
        this.messages = messages;
    }

    /** The text a suggestion shows, and what the form sends back. */
    public String label(Organisation organisation) {
        Locale locale = LocaleContextHolder.getLocale();
        String kind = messages.getMessage("organisation.kind." + organisation.getKind(), null, locale);
        return organisation.getName() + " — " + kind + " (" + organisation.getDepartementCode() + ") · n° "
                + organisation.getId();
    }

    /** Active organisations whose name contains the text, by name. */
    @Transactional(readOnly = true)
    public List<Organisation> suggest(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return organisations.findActiveByNameContaining(likePattern(text), PageRequest.of(0, SUGGESTIONS));
    }

    /** The active organisation the text designates, if exactly one does. */
    @Transactional(readOnly = true)
    public Optional<Long> resolve(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher number = NUMBER.matcher(text.strip());
        if (number.find()) {
            return organisations.findById(Long.parseLong(number.group(1))).filter(Organisation::isActive)
                    .map(Organisation::getId);
        }
        List<Long> named = organisations.findActiveIdsByName(text.strip().toLowerCase(Locale.ROOT),
                PageRequest.of(0, 2));
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    static String likePattern(String text) {
        String escaped = text.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
