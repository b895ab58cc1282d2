package fr.passerelle.notification;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

import fr.passerelle.system.ExclusiveJobs;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox. Each email is taken in a transaction of its own: its row is locked
 * ({@code for update skip locked}, so another instance takes another email, never the same), sent, and marked sent
 * before the commit. A failure is recorded with the next attempt after a growing delay
 * ({@link NotificationProperties.Sender#retryDelay}); a refusal that will not change (an address the server rejects,
 * a message that cannot be built) or the last allowed attempt marks it failed, for an administrator to retry. When
 * the server cannot be reached at all, the run stops at the first email and the next run tries again. The scheduled
 * runs go through {@link ExclusiveJobs} like every job; the row locks alone already keep two runs at once from
 * sending the same email.
 */
@Component
class OutboundEmailSender {

    /** The job's name, in its lock and its metrics. */
    static final String JOB = "outbound-email";

    private static final Logger log = LoggerFactory.getLogger(OutboundEmailSender.class);

    /** An answer link's token in a stored email, and what replaces it once the email is sent. */
    private static final String ANSWER_TOKEN = "/answer/[A-Za-z0-9_-]{43}";
    private static final String REDACTED_TOKEN = "/answer/…";

    /** An email address in a server's error message (no personal data in the outbox's error column or the log). */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"']+@[^\\s<>\"']+");

    /** What is sent of one email. */
    private record Outgoing(long id, String to, String subject, String text, String html, int attempts) {
    }

    /** How one attempt went. */
    private enum Result { SENT, RETRY_LATER, FAILED, SERVER_DOWN }

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final NotificationProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    OutboundEmailSender(JdbcClient jdbc, ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties,
            TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.mailSender = mailSender;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Sends what is due now. */
    int sendDue() {
        return sendDueAt(clock.instant());
    }

    /**
     * Sends the emails due at {@code now}, at most the batch size.
     *
     * @return how many were sent; 0 without a mail server ({@code spring.mail.host})
     */
    int sendDueAt(Instant now) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            return 0;
        }
        int sent = 0;
        for (int i = 0; i < properties.sender().batchSize(); i++) {
            Result result = transaction.execute(status -> sendNext(sender, now));
            if (result == null || result == Result.SERVER_DOWN) {
                break;
            }
            if (result == Result.SENT) {
                sent++;
            }
        }
        if (sent > 0) {
            log.info("{} email(s) sent", sent);
        }
        return sent;
    }

    /** Sends the next due email not locked by another instance; {@code null} when none is left. */
    private Result sendNext(JavaMailSender sender, Instant now) {
        Optional<Outgoing> next = jdbc.sql("""
                        select id, to_address, subject, text_body, html_body, attempts from outbound_email
                        where status = 'PENDING' and next_attempt_at <= ?
                        order by next_attempt_at, id
                        limit 1
                        for update skip locked""")
                .param(at(now))
                .query((rs, n) -> new Outgoing(rs.getLong("id"), rs.getString("to_address"),
                        rs.getString("subject"), rs.getString("text_body"), rs.getString("html_body"),
                        rs.getInt("attempts")))
                .optional();
        if (next.isEmpty()) {
            return null;
        }
        Outgoing email = next.get();
        try {
            sender.send(message(sender, email));
            // Once sent, the stored copy loses its answer link: the database then holds only the link's hash.
            jdbc.sql("""
                            update outbound_email set status = 'SENT', sent_at = ?, attempts = attempts + 1,
                                                      last_error = null,
                                                      text_body = regexp_replace(text_body, ?, ?, 'g'),
                                                      html_body = regexp_replace(html_body, ?, ?, 'g')
                            where id = ?""")
                    .params(at(now), ANSWER_TOKEN, REDACTED_TOKEN, ANSWER_TOKEN, REDACTED_TOKEN, email.id()).update();
            return Result.SENT;
        }
        catch (MailException ex) {
            return failed(email, ex, now);
        }
    }

    private MimeMessage message(JavaMailSender sender, Outgoing email) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(email.to());
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
            // Lets a mailbox or a support person match an email with its outbox row.
            message.setHeader("X-Passerelle-Email-Id", Long.toString(email.id()));
            return message;
        }
        catch (MessagingException ex) {
            throw new MailPreparationException("Could not build email " + email.id(), ex);
        }
    }

    private Result failed(Outgoing email, MailException ex, Instant now) {
        int attempts = email.attempts() + 1;
        String error = describe(ex);
        boolean permanent = isPermanent(ex);
        if (permanent || attempts >= properties.sender().maxAttempts()) {
            jdbc.sql("""
                            update outbound_email set status = 'FAILED', failed_at = ?, attempts = ?, last_error = ?
                            where id = ?""")
                    .params(at(now), attempts, error, email.id()).update();
            log.warn("Email {} failed for good after {} attempt(s): {}", email.id(), attempts, error);
            return Result.FAILED;
        }
        Instant retryAt = now.plus(properties.sender().retryDelay(attempts));
        jdbc.sql("update outbound_email set attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")
                .params(attempts, at(retryAt), error, email.id()).update();
        log.warn("Email {} not sent (attempt {}), next attempt at {}: {}", email.id(), attempts, retryAt, error);
        return isServerUnreachable(ex) ? Result.SERVER_DOWN : Result.RETRY_LATER;
    }

    /** A message that cannot be built, or addresses the server refuses: trying again changes nothing. */
    private static boolean isPermanent(MailException ex) {
        if (ex instanceof MailParseException || ex instanceof MailPreparationException) {
            return true;
        }
        if (ex instanceof MailSendException send) {
            for (Exception cause : send.getFailedMessages().values()) {
                if (cause instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                        && failed.getInvalidAddresses().length > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isServerUnreachable(Throwable ex) {
        if (ex instanceof MailAuthenticationException) {
            // Wrong credentials fail every email alike: the next run tries again, after the configuration is fixed.
            return true;
        }
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof SocketTimeoutException
                    || cause.getClass().getSimpleName().equals("MailConnectException")) {
                return true;
            }
            if (cause instanceof MailSendException send) {
                for (Exception failed : send.getFailedMessages().values()) {
                    if (isServerUnreachable(failed)) {
                        return true;
                    }
                }
            }
            if (cause instanceof MessagingException messaging && messaging.getNextException() != null
                    && messaging.getNextException() != cause.getCause()
                    && isServerUnreachable(messaging.getNextException())) {
                return true;
            }
        }
        return false;
    }

    /** The error without the message's content (no personal data in the outbox's error column). */
    private static String describe(MailException ex) {
        String message = ex.getMessage() == null ? "" : ADDRESS.matcher(ex.getMessage()).replaceAll("<…>");
        String text = ex.getClass().getSimpleName() + ": " + message;
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /**
     * Runs the job on this instance when a mail server is configured ({@code spring.mail.host}) and
     * {@code passerelle.notification.sender.enabled} is not false.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${spring.mail.host:}' != '' and ${passerelle.notification.sender.enabled:true}")
    static class Schedule {

        @Bean
        Job outboundEmailJob(OutboundEmailSender sender, ExclusiveJobs jobs) {
            return new Job(sender, jobs);
        }
    }

    /** The scheduled trigger. */
    static final class Job {

        private final OutboundEmailSender sender;
        private final ExclusiveJobs jobs;

        Job(OutboundEmailSender sender, ExclusiveJobs jobs) {
            this.sender = sender;
            this.jobs = jobs;
        }

        @Scheduled(fixedDelayString = "${passerelle.notification.sender.fixed-delay:PT10S}",
                initialDelayString = "${passerelle.notification.sender.fixed-delay:PT10S}")
        void run() {
            jobs.run(JOB, sender::sendDue);
        }
    }
}
