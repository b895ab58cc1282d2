package fr.passerelle.notification;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import fr.passerelle.allowance.StatementPaid;
import fr.passerelle.allowance.StatementReady;
import fr.passerelle.organisation.Role;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.organisation.UserAccountRepository;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells a childminder that her monthly allowance statement waits for her confirmation, and when it is paid: under
 * her bell and by email, in the transaction of the change.
 */
@Component
class AllowanceNotifications {

    private final UserAccountRepository users;
    private final NotificationRecorder recorder;
    private final Wording wording;
    private final NotificationProperties properties;
    private final JdbcClient jdbc;

    AllowanceNotifications(UserAccountRepository users, NotificationRecorder recorder, Wording wording,
            NotificationProperties properties, JdbcClient jdbc) {
        this.users = users;
        this.recorder = recorder;
        this.wording = wording;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    private record Facts(String month, String total) {
    }

    @EventListener
    void on(StatementReady event) {
        tell(event.statementId(), event.childminderOrganisationId(), NotificationKind.ALLOWANCE_STATEMENT_READY);
    }

    @EventListener
    void on(StatementPaid event) {
        tell(event.statementId(), event.childminderOrganisationId(), NotificationKind.ALLOWANCE_STATEMENT_PAID);
    }

    private void tell(long statementId, long organisationId, NotificationKind kind) {
        Facts facts = jdbc.sql("select to_char(month, 'MM/YYYY'), total_cents from allowance_statement where id = ?")
                .param(statementId)
                .query((rs, n) -> new Facts(rs.getString(1),
                        BigDecimal.valueOf(rs.getLong(2), 2).toPlainString().replace('.', ',') + " €"))
                .single();
        List<UserAccount> people = users.findEnabledByOrganisationAndRole(organisationId, Role.PROVIDER);
        String page = "/provider/statements/" + statementId;
        recorder.inApp(people, kind, page, statementId, facts.month(), facts.total());
        String prefix = "notification.mail." + kind.name();
        recorder.email(people, kind, locale -> mail(locale, prefix, facts, properties.link(page)));
    }

    private Mail mail(Locale locale, String prefix, Facts facts, String url) {
        Words words = wording.in(locale);
        return new Mail(words.get(prefix + ".subject", facts.month()), words.get(prefix + ".subject", facts.month()),
                List.of(words.get(prefix + ".body", facts.month(), facts.total())), List.of(),
                words.action("notification.mail.action.signIn", url), List.of());
    }
}
