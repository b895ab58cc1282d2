package fr.passerelle.organisation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How signing in is guarded.
 *
 * @param maxFailedLogins  failed attempts on one username before it is locked
 * @param lockoutDuration  how long the lock lasts
 */
@ConfigurationProperties("passerelle.security")
public record SignInProperties(
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration lockoutDuration) {
}
