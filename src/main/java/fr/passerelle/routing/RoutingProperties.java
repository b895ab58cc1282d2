package fr.passerelle.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Routing's settings. Delays are calendar hours (nights and weekends count): the texts do not say otherwise.
 *
 * @param homeCareAnswerDelay how long a home-care service has to answer an emergency offer (24 h)
 * @param childminderAnswerDelay how long a childminder has to answer (48 h)
 * @param crecheAnswerDelay how long a crèche has to answer (48 h)
 * @param expiry the job that expires unanswered offers
 * @param reminder the job that reminds providers of a near deadline and advisors of an outcome to record
 */
@ConfigurationProperties("passerelle.routing")
public record RoutingProperties(
        @DefaultValue("PT24H") Duration homeCareAnswerDelay,
        @DefaultValue("PT48H") Duration childminderAnswerDelay,
        @DefaultValue("PT48H") Duration crecheAnswerDelay,
        @DefaultValue Expiry expiry,
        @DefaultValue Reminder reminder) {

    public RoutingProperties {
        for (Duration delay : new Duration[] {homeCareAnswerDelay, childminderAnswerDelay, crecheAnswerDelay}) {
            if (delay == null || delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("passerelle.routing answer delays must be positive");
            }
        }
    }

    /**
     * @param enabled whether this instance runs the job (tests turn it off and call it with their own time)
     * @param fixedDelay the pause between two runs
     * @param batchSize at most this many offers expired per run
     */
    public record Expiry(@DefaultValue("true") boolean enabled, @DefaultValue("PT1M") Duration fixedDelay,
            @DefaultValue("200") int batchSize) {
    }

    /**
     * @param enabled whether this instance runs the job (tests turn it off and call it with their own time)
     * @param fixedDelay the pause between two runs
     * @param beforeDeadline how long before an unanswered offer's deadline its provider is reminded
     * @param batchSize at most this many reminders of each kind per run
     */
    public record Reminder(@DefaultValue("true") boolean enabled, @DefaultValue("PT1M") Duration fixedDelay,
            @DefaultValue("PT4H") Duration beforeDeadline, @DefaultValue("200") int batchSize) {
    }

    /** The answer delay for that kind of provider. */
    public Duration answerDelay(ProviderKind kind) {
        return switch (kind) {
            case HOME_CARE -> homeCareAnswerDelay;
            case CHILDMINDER -> childminderAnswerDelay;
            case CRECHE -> crecheAnswerDelay;
        };
    }
}
