package fr.passerelle.privacy;

import java.time.LocalDate;

/**
 * A draft never sent will be deleted on {@code deletionOn}: its advisor is told (notification package). Published in
 * the retention job's transaction that marks the draft warned.
 */
public record DraftDeletionDue(long referralId, LocalDate deletionOn) {
}
