package fr.passerelle.statistics;

/**
 * The age bands of the unmet needs export, by the child's age in whole months on the first day of care: the ages at
 * which communes plan different care (crèches and home care under 3, nursery school from 3, primary school from 6).
 */
public enum AgeBand {

    /** Under 3 years: crèches, childminders, home care with its own agreement. */
    UNDER_3(0),
    /** 3 to 5 years (nursery school age). */
    FROM_3_TO_5(36),
    /** 6 to 9 years (primary school age). */
    FROM_6_TO_9(72),
    /** 10 years and over (beyond the Essonne experiment's limit, which is configurable). */
    FROM_10(120);

    private final int fromMonths;

    AgeBand(int fromMonths) {
        this.fromMonths = fromMonths;
    }

    /**
     * The SQL {@code case} giving the band's ordinal of an age in months held by {@code expression} (a negative
     * age, a child not yet born on the first day, is under 3): the bands above, in one place.
     */
    static String sqlOrdinal(String expression) {
        StringBuilder sql = new StringBuilder("case");
        AgeBand[] bands = values();
        for (int i = bands.length - 1; i > 0; i--) {
            sql.append(" when ").append(expression).append(" >= ").append(bands[i].fromMonths).append(" then ")
                    .append(i);
        }
        return sql.append(" else 0 end").toString();
    }
}
