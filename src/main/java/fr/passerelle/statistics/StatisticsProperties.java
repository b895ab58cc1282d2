package fr.passerelle.statistics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The statistics' settings.
 *
 * @param minFamilies a figure computed from fewer families than this is shown as "&lt; 5" (small counts could identify a
 *     family)
 * @param refresh the job that keeps the statistics events up to date
 * @param servePrevious whether a view computed before the last refresh is shown at once (with the time it was
 *     computed at) while it is computed again in the background, rather than computed again before answering
 * @param prepareOnSignIn whether the page a user opens first is computed in the background when they sign in
 * @param views the figures of the views read lately, kept in PostgreSQL
 */
@ConfigurationProperties("passerelle.statistics")
public record StatisticsProperties(@DefaultValue("5") int minFamilies, @DefaultValue Refresh refresh,
        @DefaultValue("true") boolean servePrevious, @DefaultValue("true") boolean prepareOnSignIn,
        @DefaultValue Views views) {

    public StatisticsProperties {
        if (minFamilies < 1) {
            throw new IllegalArgumentException("passerelle.statistics.min-families must be at least 1");
        }
    }

    /**
     * @param enabled whether this instance runs the job (tests turn it off and call it themselves)
     * @param fixedDelay the pause between two runs of the incremental refresh (referrals that moved since the last)
     * @param fullCron when every event is computed again (edits of drafts leave no timeline row to notice them)
     * @param margin how far before the last run a referral's last move is looked at again (transactions still
     *     running during the last run)
     */
    public record Refresh(@DefaultValue("true") boolean enabled, @DefaultValue("PT1M") Duration fixedDelay,
            @DefaultValue("0 30 3 * * *") String fullCron, @DefaultValue("PT5M") Duration margin) {
    }

    /**
     * @param readWithin the nightly job computes again for the new day the views read within this long
     * @param prepareLimit at most this many views a night, the most recently read first
     * @param prepareCron when (zone passerelle.time-zone), after the nightly refresh of the events
     */
    public record Views(@DefaultValue("P14D") Duration readWithin, @DefaultValue("500") int prepareLimit,
            @DefaultValue("0 0 4 * * *") String prepareCron) {
    }
}
