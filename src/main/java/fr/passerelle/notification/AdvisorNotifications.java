package fr.passerelle.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import fr.passerelle.eligibility.EligibilityDecided;
import fr.passerelle.followup.FollowUpDue;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.privacy.DraftDeletionDue;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralRepository;
import fr.passerelle.routing.NoSolutionFound;
import fr.passerelle.routing.OfferAccepted;
import fr.passerelle.routing.OfferNotice;
import fr.passerelle.routing.OutcomeDue;
import fr.passerelle.routing.offer.OfferViews;
import fr.passerelle.system.NotFoundException;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the advisor who filed a referral what the Caf and the providers decided: information requested, eligible or
 * not (with the reason), care arranged (the provider and the dates, to tell the family), no solution; and reminds them
 * to record the outcome once the care is over (unless switched off). The emails name the referral by its number, not
 * the family: the advisor opens it in Passerelle.
 */
@Component
class AdvisorNotifications {

    private final ReferralRepository referrals;
    private final OfferViews offers;
    private final NotificationRecorder recorder;
    private final Wording wording;
    private final NotificationProperties properties;

    AdvisorNotifications(ReferralRepository referrals, OfferViews offers, NotificationRecorder recorder,
            Wording wording, NotificationProperties properties) {
        this.referrals = referrals;
        this.offers = offers;
        this.recorder = recorder;
        this.wording = wording;
        this.properties = properties;
    }

    @EventListener
    void on(EligibilityDecided event) {
        Referral referral = referral(event.referralId());
        switch (event.outcome()) {
            case INFORMATION_REQUESTED -> tell(referral, NotificationKind.INFORMATION_REQUESTED, List.of());
            case ELIGIBLE -> tell(referral, NotificationKind.FOUND_ELIGIBLE, List.of());
            case INELIGIBLE -> tell(referral, NotificationKind.FOUND_INELIGIBLE, event.reason() == null ? List.of()
                    : List.of(words -> words.fact("notification.mail.fact.reason",
                            words.get("eligibility.reason." + event.reason()))));
        }
    }

    @EventListener
    void on(OfferAccepted event) {
        OfferNotice offer = offers.notice(event.offerId());
        Referral referral = referral(offer.referralId());
        String provider = offer.providerName();
        tell(referral, NotificationKind.CARE_ARRANGED, List.of(
                words -> words.fact("notification.mail.fact.provider", provider + " ("
                        + words.get("routing.providerKind." + offer.providerKind()) + ")"),
                words -> words.fact("notification.mail.fact.providerCommune",
                        offer.providerCommuneName() == null ? "—" : offer.providerCommuneName()),
                words -> words.fact("notification.mail.fact.dates",
                        words.dates(offer.firstDay(), offer.lastDay(), offer.firstDayStartTime()))),
                provider, wording.in(Locale.FRENCH).date(offer.firstDay()));
    }

    @EventListener
    void on(NoSolutionFound event) {
        Referral referral = referral(event.referralId());
        tell(referral, NotificationKind.NO_SOLUTION, referral.getNoSolutionReason() == null ? List.of()
                : List.of(words -> words.fact("notification.mail.fact.reason",
                        words.get("referral.noSolutionReason." + referral.getNoSolutionReason()))));
    }

    @EventListener
    void on(OutcomeDue event) {
        Referral referral = referral(event.referralId());
        if (referral.getCreatedBy().isRemindersEnabled()) {
            tell(referral, NotificationKind.OUTCOME_DUE, List.of());
        }
    }

    @EventListener
    void on(FollowUpDue event) {
        tell(referral(event.referralId()), NotificationKind.FOLLOW_UP_DUE, List.of());
    }

    @EventListener
    void on(DraftDeletionDue event) {
        Referral referral = referral(event.referralId());
        tell(referral, NotificationKind.DRAFT_DELETION_WARNING,
                List.of(words -> words.fact("notification.mail.fact.deletionOn", words.date(event.deletionOn()))),
                wording.in(Locale.FRENCH).date(event.deletionOn()));
    }

    /** One line of details, written in the email's language. */
    private interface FactLine {
        Mail.Fact in(Words words);
    }

    /**
     * The bell and an email for the referral's advisor.
     *
     * @param extraArguments the in-application message's arguments after the referral's number
     */
    private void tell(Referral referral, NotificationKind kind, List<FactLine> facts, Object... extraArguments) {
        UserAccount advisor = referral.getCreatedBy();
        // Someone who moved to another organisation can no longer open the referral: they are not told of it.
        if (!advisor.isEnabled() || !advisor.getOrganisation().isActive()
                || !advisor.getOrganisation().getId().equals(referral.getOrganisation().getId())) {
            return;
        }
        String page = "/advisor/referrals/" + referral.getId();
        Object[] arguments = new Object[extraArguments.length + 1];
        arguments[0] = referral.getId();
        System.arraycopy(extraArguments, 0, arguments, 1, extraArguments.length);
        recorder.inApp(advisor, kind, page, arguments);
        recorder.email(advisor, kind, locale -> mail(referral, kind, facts, locale, page));
    }

    private Mail mail(Referral referral, NotificationKind kind, List<FactLine> extraFacts, Locale locale,
            String page) {
        Words words = wording.in(locale);
        String prefix = "notification.mail." + kind.name();
        List<Mail.Fact> facts = new ArrayList<>();
        facts.add(words.fact("notification.mail.fact.referral",
                words.get("notification.mail.referralNumber", referral.getId())));
        extraFacts.forEach(fact -> facts.add(fact.in(words)));
        return new Mail(words.get(prefix + ".subject", referral.getId()), words.get(prefix + ".title"),
                List.of(words.get(prefix + ".body")), facts,
                words.action("notification.mail.action.referral", properties.link(page)), List.of());
    }

    private Referral referral(long id) {
        return referrals.findById(id).orElseThrow(NotFoundException::new);
    }
}
