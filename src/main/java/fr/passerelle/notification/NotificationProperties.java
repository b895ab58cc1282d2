package fr.passerelle.notification;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification settings. The SMTP server itself is Spring Boot's {@code spring.mail.*}: without
 * {@code spring.mail.host}, emails are recorded and listed for the administrators but not sent.
 *
 * @param publicBaseUrl the address people reach the application at, for the links in emails
 *                      ({@code https://passerelle.example.fr}); no trailing slash needed
 * @param from the sender of every email
 * @param sender the job that sends the outbox
 * @param digest the Caf officers' daily digest
 */
@ConfigurationProperties("passerelle.notification")
public record NotificationProperties(
        @DefaultValue("http://localhost:8080") URI publicBaseUrl,
        @DefaultValue("Passerelle <ne-pas-repondre@passerelle.localhost>") String from,
        @DefaultValue Sender sender,
        @DefaultValue Digest digest) {

    /**
     * @param enabled whether this instance runs the sending job (it runs only where {@code spring.mail.host} is set)
     * @param fixedDelay the pause between two runs
     * @param batchSize at most this many emails a run
     * @param maxAttempts after this many failed attempts an email is marked failed (an administrator can retry it)
     * @param firstRetryDelay the wait after the first failure, doubled after each next one
     * @param maxRetryDelay the longest wait between two attempts
     */
    public record Sender(@DefaultValue("true") boolean enabled, @DefaultValue("PT10S") Duration fixedDelay,
            @DefaultValue("50") int batchSize, @DefaultValue("8") int maxAttempts,
            @DefaultValue("PT1M") Duration firstRetryDelay, @DefaultValue("PT1H") Duration maxRetryDelay) {

        /** How long to wait before attempt {@code attempts + 1}, after {@code attempts} failures (1, 2, …). */
        public Duration retryDelay(int attempts) {
            Duration delay = firstRetryDelay;
            for (int i = 1; i < attempts && delay.compareTo(maxRetryDelay) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
        }
    }

    /**
     * @param enabled whether this instance composes the digest (one instance does it each day whatever the number)
     * @param time when the day's digest is composed, in the application's time zone
     * @param checkEvery how often the job looks whether the day's digest is due
     */
    public record Digest(@DefaultValue("true") boolean enabled, @DefaultValue("08:00") LocalTime time,
            @DefaultValue("PT5M") Duration checkEvery) {
    }

    /** An absolute link to a path of the application ({@code /provider/offers/12}). */
    public String link(String path) {
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
