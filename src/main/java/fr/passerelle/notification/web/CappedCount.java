package fr.passerelle.notification.web;

import org.springframework.modulith.NamedInterface;

/**
 * A count that stops at a limit, so that a badge or a home page figure costs a bounded scan however many rows there
 * are: {@code select count(*) from (select 1 … limit cap + 1)}.
 *
 * @param value the rows counted, at most {@code cap}
 * @param capped whether there were more than {@code cap} (shown as "{cap}+")
 */
@NamedInterface("outbox")
public record CappedCount(long value, boolean capped) {

    /** The count of {@code counted} rows read with a limit of {@code cap + 1}. */
    static CappedCount of(long counted, long cap) {
        return counted > cap ? new CappedCount(cap, true) : new CappedCount(counted, false);
    }

    public boolean isZero() {
        return value == 0;
    }
}
