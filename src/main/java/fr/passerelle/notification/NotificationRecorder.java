package fr.passerelle.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.UserAccount;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes notifications into the outbox and the bell, in the transaction of the change that causes them (propagation
 * MANDATORY: there is always one). Nothing is sent here: the {@link OutboundEmailSender} sends after the commit, so a
 * rolled-back change sends nothing and a committed one is never lost.
 */
@Component
class NotificationRecorder {

    private final JdbcClient jdbc;
    private final MailRenderer renderer;
    private final Clock clock;

    NotificationRecorder(JdbcClient jdbc, MailRenderer renderer, Clock clock) {
        this.jdbc = jdbc;
        this.renderer = renderer;
        this.clock = clock;
    }

    /**
     * A line under the recipient's bell.
     *
     * @param link the page it opens, a path of the application
     * @param arguments the arguments of the kind's message ({@link NotificationKind#messageCode()})
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void inApp(UserAccount recipient, NotificationKind kind, String link, Object... arguments) {
        inApp(List.of(recipient), kind, link, arguments);
    }

    /** The same line under the bell of each recipient, in one statement. */
    @Transactional(propagation = Propagation.MANDATORY)
    void inApp(Collection<UserAccount> recipients, NotificationKind kind, String link, Object... arguments) {
        if (recipients.isEmpty()) {
            return;
        }
        String[] words = new String[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            words[i] = String.valueOf(arguments[i]);
        }
        Long[] ids = recipients.stream().map(UserAccount::getId).toArray(Long[]::new);
        jdbc.sql("""
                        insert into notification (recipient_id, kind, arguments, link, created_at)
                        select recipient.id, ?, ?, ?, ? from unnest(?) as recipient (id)""")
                .params(kind.name(), words, link, now().atOffset(ZoneOffset.UTC), ids)
                .update();
    }

    /**
     * The same email to each recipient that has an address, written once per language.
     *
     * @return how many were recorded
     */
    @Transactional(propagation = Propagation.MANDATORY)
    int email(Collection<UserAccount> recipients, NotificationKind kind, Function<Locale, Mail> mail) {
        Map<Locale, MailRenderer.Rendered> rendered = new HashMap<>();
        int recorded = 0;
        for (UserAccount recipient : recipients) {
            if (recipient.getEmail() != null) {
                Locale locale = localeOf(recipient);
                insert(kind, recipient.getId(), null, recipient.getEmail(), locale,
                        rendered.computeIfAbsent(locale, language -> renderer.render(mail.apply(language), language)));
                recorded++;
            }
        }
        return recorded;
    }

    /**
     * An email to a person, written in their language; none when they have no address.
     *
     * @param mail writes the email in a language
     * @return whether one was recorded
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean email(UserAccount recipient, NotificationKind kind, Function<Locale, Mail> mail) {
        return email(List.of(recipient), kind, mail) == 1;
    }

    /**
     * An email to an organisation's shared address, in French (the language of the scheme); none without one.
     *
     * @return whether one was recorded
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean email(Organisation recipient, NotificationKind kind, Function<Locale, Mail> mail) {
        if (recipient.getContactEmail() == null) {
            return false;
        }
        insert(kind, null, recipient.getId(), recipient.getContactEmail(), Locale.FRENCH,
                renderer.render(mail.apply(Locale.FRENCH), Locale.FRENCH));
        return true;
    }

    static Locale localeOf(UserAccount recipient) {
        return "en".equals(recipient.getLocale()) ? Locale.ENGLISH : Locale.FRENCH;
    }

    private void insert(NotificationKind kind, Long userId, Long organisationId, String to, Locale locale,
            MailRenderer.Rendered rendered) {
        Instant now = now();
        jdbc.sql("""
                        insert into outbound_email (kind, recipient_user_id, recipient_organisation_id, to_address,
                                                    locale, subject, text_body, html_body, next_attempt_at,
                                                    created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(kind.name(), userId, organisationId, to, locale.getLanguage(), rendered.subject(),
                        rendered.text(), rendered.html(), now.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC))
                .update();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
