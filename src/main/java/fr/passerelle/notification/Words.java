package fr.passerelle.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import fr.passerelle.routing.OfferNotice;

import org.springframework.context.MessageSource;

/**
 * The words of emails in one language: messages, dates and times in the application's zone, and the facts of an
 * offer as every email about it lists them (what is asked, where, when, the children's ages, the deadline).
 */
final class Words {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final MessageSource messages;
    private final Locale locale;
    private final ZoneId zone;

    Words(MessageSource messages, Locale locale, ZoneId zone) {
        this.messages = messages;
        this.locale = locale;
        this.zone = zone;
    }

    /** A message; ids ({@code Long}) are given as text, so that "n° 1234" is never grouped as "n° 1 234". */
    String get(String code, Object... arguments) {
        Object[] words = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            words[i] = arguments[i] instanceof Long id ? id.toString() : arguments[i];
        }
        return messages.getMessage(code, words, locale);
    }

    String date(LocalDate date) {
        return DATE.format(date);
    }

    /** "12/12/2026 14:30" in the application's zone (Europe/Paris). */
    String dateTime(Instant instant) {
        return DATE.format(instant.atZone(zone)) + " " + TIME.format(instant.atZone(zone));
    }

    String dates(LocalDate firstDay, LocalDate lastDay, LocalTime startTime) {
        String dates = lastDay == null || lastDay.equals(firstDay) ? get("notification.mail.dates.one", date(firstDay))
                : get("notification.mail.dates.range", date(firstDay), date(lastDay));
        return startTime == null ? dates : dates + " " + get("notification.mail.dates.from", TIME.format(startTime));
    }

    /** "2 ans et 3 mois, 5 ans": ages only, never names. */
    String ages(List<Integer> monthsOfEachChild) {
        List<String> ages = new ArrayList<>();
        for (int months : monthsOfEachChild) {
            int years = months / 12;
            int rest = months % 12;
            ages.add(years == 0 ? get("routing.provider.age.months", rest)
                    : rest == 0 ? get("routing.provider.age.years", years)
                    : get("routing.provider.age.yearsMonths", years, rest));
        }
        return String.join(", ", ages);
    }

    /** What a provider is asked, without the family's identity. */
    List<Mail.Fact> offerFacts(OfferNotice offer) {
        List<Mail.Fact> facts = new ArrayList<>();
        facts.add(fact("notification.mail.fact.offer", get("notification.mail.offerNumber", offer.offerId())));
        facts.add(fact("notification.mail.fact.need", get("referral.need." + offer.need())));
        facts.add(fact("notification.mail.fact.purpose", get("referral.purpose." + offer.purpose())));
        facts.add(fact("notification.mail.fact.commune", offer.communeLabel()));
        facts.add(fact("notification.mail.fact.dates",
                dates(offer.firstDay(), offer.lastDay(), offer.firstDayStartTime())));
        facts.add(fact("notification.mail.fact.children", ages(offer.childrenAges())));
        facts.add(fact("notification.mail.fact.deadline", dateTime(offer.deadlineAt())));
        return facts;
    }

    Mail.Fact fact(String labelCode, String value) {
        return new Mail.Fact(get(labelCode), value);
    }

    Mail.Action action(String labelCode, String url) {
        return new Mail.Action(get(labelCode), url);
    }
}
