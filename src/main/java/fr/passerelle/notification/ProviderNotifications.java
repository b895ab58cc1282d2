package fr.passerelle.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.routing.OfferCancelled;
import fr.passerelle.routing.OfferDeadlineNear;
import fr.passerelle.routing.OfferNotice;
import fr.passerelle.routing.OfferSent;
import fr.passerelle.routing.offer.OfferViews;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells providers of their offers: sent (an email to each of the provider's people, with their own answer link, and
 * a copy to the organisation's desk address that opens the signed-in page), deadline near (a reminder, unless
 * switched off), cancelled. Never the family's names or contact: those come with acceptance, on the signed-in page.
 * Runs in the transaction of the change (synchronous listeners): recorded with it or not at all.
 */
@Component
class ProviderNotifications {

    private final OfferViews offers;
    private final UserAccountRepository users;
    private final OrganisationRepository organisations;
    private final NotificationRecorder recorder;
    private final AnswerLinks links;
    private final Wording wording;
    private final NotificationProperties properties;
    private final Clock clock;

    ProviderNotifications(OfferViews offers, UserAccountRepository users, OrganisationRepository organisations,
            NotificationRecorder recorder, AnswerLinks links, Wording wording, NotificationProperties properties,
            Clock clock) {
        this.offers = offers;
        this.users = users;
        this.organisations = organisations;
        this.recorder = recorder;
        this.links = links;
        this.wording = wording;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void on(OfferSent event) {
        OfferNotice offer = offers.notice(event.offerId());
        List<UserAccount> people = people(offer);
        for (UserAccount person : people) {
            tellWithAnswerLink(person, offer, NotificationKind.OFFER_SENT);
        }
        String page = properties.link("/provider/offers/" + offer.offerId());
        copyToDesk(offer, people, NotificationKind.OFFER_SENT, locale -> offerMail(offer, locale,
                "notification.mail.OFFER_SENT", wording.in(locale).action("notification.mail.action.signIn", page),
                "notification.mail.note.desk"));
    }

    @EventListener
    void on(OfferDeadlineNear event) {
        OfferNotice offer = offers.notice(event.offerId());
        for (UserAccount person : people(offer)) {
            if (person.isRemindersEnabled()) {
                tellWithAnswerLink(person, offer, NotificationKind.OFFER_REMINDER);
            }
        }
    }

    @EventListener
    void on(OfferCancelled event) {
        OfferNotice offer = offers.notice(event.offerId());
        String page = "/provider/offers/" + offer.offerId();
        List<UserAccount> people = people(offer);
        recorder.inApp(people, NotificationKind.OFFER_CANCELLED, page, offer.offerId(), offer.communeLabel());
        recorder.email(people, NotificationKind.OFFER_CANCELLED, locale -> cancelled(offer, locale));
        copyToDesk(offer, people, NotificationKind.OFFER_CANCELLED, locale -> cancelled(offer, locale));
    }

    /** The bell, and an email with a link that answers without signing in, valid until the deadline. */
    private void tellWithAnswerLink(UserAccount person, OfferNotice offer, NotificationKind kind) {
        recorder.inApp(person, kind, "/provider/offers/" + offer.offerId(), offer.offerId(), offer.communeLabel(),
                wording.in(Locale.FRENCH).dateTime(offer.deadlineAt()));
        if (person.getEmail() != null) {
            String token = links.issue(offer.offerId(), person.getId(), offer.deadlineAt(), now());
            String url = properties.link("/answer/" + token);
            String prefix = "notification.mail." + kind.name();
            recorder.email(person, kind, locale -> offerMail(offer, locale, prefix,
                    wording.in(locale).action("notification.mail.action.answer", url),
                    "notification.mail.note.answerLink"));
        }
    }

    /**
     * The organisation's desk address gets a copy, unless it is one of its people's own. An offer's copy opens the
     * signed-in page: an answer link is personal.
     */
    private void copyToDesk(OfferNotice offer, List<UserAccount> people, NotificationKind kind,
            Function<Locale, Mail> mail) {
        Organisation desk = organisations.getReferenceById(offer.providerOrganisationId());
        if (!needsNoCopy(desk.getContactEmail(), people)) {
            recorder.email(desk, kind, mail);
        }
    }

    private Mail offerMail(OfferNotice offer, Locale locale, String prefix, Mail.Action action, String note) {
        Words words = wording.in(locale);
        String kind = words.get("routing.providerKind." + offer.providerKind());
        return new Mail(words.get(prefix + ".subject", offer.communeLabel(), words.dateTime(offer.deadlineAt())),
                words.get(prefix + ".title"),
                List.of(words.get(prefix + ".body", kind, words.dateTime(offer.deadlineAt())),
                        words.get("notification.mail.offer.privacy")),
                words.offerFacts(offer), action, List.of(words.get(note)));
    }

    private Mail cancelled(OfferNotice offer, Locale locale) {
        Words words = wording.in(locale);
        return new Mail(words.get("notification.mail.OFFER_CANCELLED.subject", offer.offerId()),
                words.get("notification.mail.OFFER_CANCELLED.title"),
                List.of(words.get("notification.mail.OFFER_CANCELLED.body", offer.offerId())),
                words.offerFacts(offer).subList(0, 5), null, List.of());
    }

    /** The provider's people: its enabled accounts (a childminder: herself). */
    private List<UserAccount> people(OfferNotice offer) {
        return users.findEnabledByOrganisationAndRole(offer.providerOrganisationId(), Role.PROVIDER);
    }

    /** Whether a desk copy would say nothing new: no desk address, or one of the people's own. */
    private static boolean needsNoCopy(String address, List<UserAccount> people) {
        if (address == null) {
            return true;
        }
        Set<String> theirs = people.stream().map(UserAccount::getEmail).filter(email -> email != null)
                .map(email -> email.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return theirs.contains(address.toLowerCase(Locale.ROOT));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
