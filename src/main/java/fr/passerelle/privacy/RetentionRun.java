package fr.passerelle.privacy;

import java.time.Instant;

/**
 * What one run of the retention job did, or what the next one would do.
 *
 * @param at when
 * @param anonymised finished referrals anonymised
 * @param draftsWarned advisors told that their draft will be deleted
 * @param draftsDeleted drafts never sent, deleted
 * @param accessesPurged access log rows past their retention, deleted
 */
public record RetentionRun(Instant at, long anonymised, long draftsWarned, long draftsDeleted, long accessesPurged) {

    public boolean didNothing() {
        return anonymised == 0 && draftsWarned == 0 && draftsDeleted == 0 && accessesPurged == 0;
    }
}
