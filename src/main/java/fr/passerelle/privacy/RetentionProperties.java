package fr.passerelle.privacy;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long personal data is kept ({@code passerelle.retention.*}, README "Données personnelles").
 *
 * @param referralsAfter a finished referral (closed, ineligible, no solution, withdrawn) is anonymised this long after
 *     it ended
 * @param draftsAfter a draft never sent is deleted this long after it was created
 * @param draftWarningBefore its advisor is told this long before; a draft is never deleted sooner than this after the
 *     warning
 * @param accessLogAfter the accesses to personal data are kept this long
 * @param job the job that applies these periods
 */
@ConfigurationProperties("passerelle.retention")
public record RetentionProperties(@DefaultValue("P24M") Period referralsAfter, @DefaultValue("P90D") Period draftsAfter,
        @DefaultValue("P14D") Period draftWarningBefore, @DefaultValue("P12M") Period accessLogAfter,
        @DefaultValue Job job) {

    public RetentionProperties {
        if (referralsAfter.isNegative() || draftsAfter.isNegative() || accessLogAfter.isNegative()
                || draftWarningBefore.isNegative()) {
            throw new IllegalArgumentException("passerelle.retention periods must not be negative");
        }
    }

    /**
     * @param enabled whether this instance runs the job (tests call it with their own time)
     * @param cron when it runs (zone passerelle.time-zone)
     * @param batchSize referrals handled per transaction; a run goes on until nothing is due
     * @param maxBatches at most this many batches a run (the next run takes the rest)
     */
    public record Job(@DefaultValue("true") boolean enabled, @DefaultValue("0 15 2 * * *") String cron,
            @DefaultValue("200") int batchSize, @DefaultValue("500") int maxBatches) {
    }
}
