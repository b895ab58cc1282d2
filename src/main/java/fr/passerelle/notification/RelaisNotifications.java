package fr.passerelle.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import fr.passerelle.organisation.Role;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.relais.LabelApplicationSubmitted;
import fr.passerelle.relais.LabelLapsingSoon;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the facilitators of a Relais Petite Enfance what waits for them: a childminder of the relais applied for the
 * AVIP label (an opinion to give), a label of one of its childminders lapses soon. The bell and an email, in the
 * transaction of the change (synchronous listeners); the words name neither the childminder nor any family.
 */
@Component
class RelaisNotifications {

    private final UserAccountRepository users;
    private final NotificationRecorder recorder;
    private final Wording wording;
    private final NotificationProperties properties;

    RelaisNotifications(UserAccountRepository users, NotificationRecorder recorder, Wording wording,
            NotificationProperties properties) {
        this.users = users;
        this.recorder = recorder;
        this.wording = wording;
        this.properties = properties;
    }

    @EventListener
    void on(LabelApplicationSubmitted event) {
        String page = "/relais/applications/" + event.applicationId();
        List<UserAccount> facilitators = facilitators(event.relaisOrganisationIds());
        NotificationKind kind = NotificationKind.LABEL_APPLICATION_SUBMITTED;
        recorder.inApp(facilitators, kind, page, event.applicationId(), event.communeLabel());
        recorder.email(facilitators, kind, locale -> mail(kind, locale, page,
                new Object[] {event.applicationId(), event.communeLabel()}));
    }

    @EventListener
    void on(LabelLapsingSoon event) {
        String page = "/relais/childminders/" + event.childminderId();
        List<UserAccount> facilitators = facilitators(event.relaisOrganisationIds());
        NotificationKind kind = NotificationKind.LABEL_LAPSING;
        recorder.inApp(facilitators, kind, page, event.childminderId(),
                wording.in(Locale.FRENCH).date(event.validTo()));
        recorder.email(facilitators, kind, locale -> mail(kind, locale, page,
                new Object[] {event.childminderId(), wording.in(locale).date(event.validTo())}));
    }

    private List<UserAccount> facilitators(List<Long> relaisIds) {
        List<UserAccount> facilitators = new ArrayList<>();
        for (long relais : relaisIds) {
            facilitators.addAll(users.findEnabledByOrganisationAndRole(relais, Role.RPE_FACILITATOR));
        }
        return facilitators;
    }

    private Mail mail(NotificationKind kind, Locale locale, String page, Object[] arguments) {
        Words words = wording.in(locale);
        String prefix = "notification.mail." + kind.name();
        return new Mail(words.get(prefix + ".subject", arguments), words.get(prefix + ".title"),
                List.of(words.get(prefix + ".body", arguments)), List.of(),
                words.action("notification.mail.action.relais", properties.link(page)), List.of());
    }
}
