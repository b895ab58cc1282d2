package fr.passerelle.system;

/**
 * Counts on request paths stop at a cap, so that a figure costs a bounded index scan however many rows a territory
 * has: {@code select count(*) from (select 1 from … limit CAP + 1) capped}. A result above {@link #CAP} is shown as
 * "1 000+" ({@code fragments/counts.html}).
 */
public final class CappedCounts {

    /** The largest count shown as is. */
    public static final int CAP = 1000;

    private CappedCounts() {
    }

    /** {@code select count(*) from (<rows> limit CAP + 1) capped}: the count of a query's rows, up to CAP + 1. */
    public static String of(String rows) {
        return of(rows, CAP);
    }

    /** The same with another cap, for a list whose users need another figure. */
    public static String of(String rows, int cap) {
        return "(select count(*) from (" + rows + " limit " + (cap + 1) + ") capped)";
    }

    public static boolean isCapped(long count) {
        return isCapped(count, CAP);
    }

    public static boolean isCapped(long count, int cap) {
        return count > cap;
    }
}
