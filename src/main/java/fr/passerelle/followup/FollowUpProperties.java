package fr.passerelle.followup;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The follow-up of outcomes ({@code passerelle.follow-up.*}).
 *
 * @param oneMonth how long after a job or a training started the first follow-up falls due
 * @param sixMonths how long after the second
 * @param batchSize the most follow-ups one run of the job creates per milestone (the next run takes the rest)
 * @param job whether this instance runs the job, and how often
 */
@ConfigurationProperties("passerelle.follow-up")
public record FollowUpProperties(@DefaultValue("P1M") Period oneMonth, @DefaultValue("P6M") Period sixMonths,
        @DefaultValue("500") int batchSize, @DefaultValue Job job) {

    /** The job's switch and period. */
    public record Job(@DefaultValue("true") boolean enabled, @DefaultValue("PT1H") Duration fixedDelay) {
    }

    /** The period of a milestone. */
    Period of(Milestone milestone) {
        return milestone == Milestone.ONE_MONTH ? oneMonth : sixMonths;
    }
}
