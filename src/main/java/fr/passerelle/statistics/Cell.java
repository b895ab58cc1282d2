package fr.passerelle.statistics;

/**
 * One group of events: how many, from how many families, how many of them count in the kind's rate (and from how
 * many families), and the median and 90th percentile of the delays they end, in hours, with the number of families
 * those delays come from (null and 0 when the kind has none).
 */
public record Cell(long count, long families, long hits, long hitFamilies, long timedFamilies, Double median,
        Double p90) {

    public static final Cell EMPTY = new Cell(0, 0, 0, 0, 0, null, null);
}
