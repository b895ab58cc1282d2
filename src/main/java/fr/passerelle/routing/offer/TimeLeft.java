package fr.passerelle.routing.offer;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The time before an offer's deadline, or how late it is, as the officer's pages show it. Overdue exactly when the
 * queues count it so: from the deadline on ({@code now >= deadline}). The minutes left are rounded up (30 seconds
 * left is "1 min", never "0 min" nor late), the minutes late rounded down.
 *
 * @param overdue the deadline has come
 * @param duration how long until the deadline, or since it when overdue; never negative
 */
public record TimeLeft(boolean overdue, Duration duration) {

    public TimeLeft {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A time left is never negative");
        }
    }

    public static TimeLeft until(Instant deadline, Instant now) {
        return now.isBefore(deadline) ? new TimeLeft(false, Duration.between(now, deadline))
                : new TimeLeft(true, Duration.between(deadline, now));
    }

    /** Whole minutes: rounded up while time is left, down once late. */
    public long minutes() {
        long seconds = duration.toSeconds();
        return overdue ? seconds / 60 : (seconds + 59) / 60;
    }
}
