package fr.passerelle.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.routing.OfferDeclined;
import fr.passerelle.routing.OfferExpired;
import fr.passerelle.routing.OfferNotice;
import fr.passerelle.routing.offer.OfferViews;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the Caf of the referral's territory that a referral is back in its routing queue (a provider declined, or an
 * offer expired unanswered): an email to the Caf's shared address, and the bell of each of its officers. A Caf without
 * a shared address gets the email at each officer's own address, so that nobody misses it.
 */
@Component
class CafNotifications {

    private final OfferViews offers;
    private final UserAccountRepository users;
    private final OrganisationRepository organisations;
    private final NotificationRecorder recorder;
    private final Wording wording;
    private final NotificationProperties properties;

    CafNotifications(OfferViews offers, UserAccountRepository users, OrganisationRepository organisations,
            NotificationRecorder recorder, Wording wording, NotificationProperties properties) {
        this.offers = offers;
        this.users = users;
        this.organisations = organisations;
        this.recorder = recorder;
        this.wording = wording;
        this.properties = properties;
    }

    @EventListener
    void on(OfferDeclined event) {
        backInQueue(offers.notice(event.offerId()), NotificationKind.OFFER_DECLINED);
    }

    @EventListener
    void on(OfferExpired event) {
        backInQueue(offers.notice(event.offerId()), NotificationKind.OFFER_EXPIRED);
    }

    private void backInQueue(OfferNotice offer, NotificationKind kind) {
        String page = "/officer/referrals/" + offer.referralId() + "/routing";
        List<UserAccount> officers = users.findEnabledInDepartement(offer.departementCode(), OrganisationKind.CAF,
                Role.CAF_OFFICER);
        recorder.inApp(officers, kind, page, offer.referralId(), offer.providerName());
        boolean told = false;
        for (Organisation caf : organisations.findActiveByKindAndDepartement(OrganisationKind.CAF,
                offer.departementCode())) {
            told |= recorder.email(caf, kind, locale -> mail(offer, kind, locale, page));
        }
        if (!told) {
            recorder.email(officers, kind, locale -> mail(offer, kind, locale, page));
        }
    }

    private Mail mail(OfferNotice offer, NotificationKind kind, Locale locale, String page) {
        Words words = wording.in(locale);
        String prefix = "notification.mail." + kind.name();
        List<Mail.Fact> facts = new ArrayList<>();
        facts.add(words.fact("notification.mail.fact.referral",
                words.get("notification.mail.referralNumber", offer.referralId())));
        facts.add(words.fact("notification.mail.fact.provider", offer.providerName() + " ("
                + words.get("routing.providerKind." + offer.providerKind()) + ")"));
        if (offer.declineReason() != null) {
            facts.add(words.fact("notification.mail.fact.reason",
                    words.get("routing.declineReason." + offer.declineReason())));
        }
        facts.addAll(words.offerFacts(offer).subList(1, 6));
        return new Mail(words.get(prefix + ".subject", offer.referralId(), offer.communeLabel()),
                words.get(prefix + ".title"),
                List.of(words.get(prefix + ".body", offer.providerName())), facts,
                words.action("notification.mail.action.route", properties.link(page)), List.of());
    }
}
