package fr.passerelle.routing.offer;

/**
 * A child as a provider sees it before accepting: first name and age on the first day of care (never the birth
 * date).
 *
 * @param years whole years
 * @param months months beyond the whole years (0 to 11)
 */
public record ChildAge(String firstName, int years, int months) {

    /** The age in whole months. */
    public int totalMonths() {
        return years * 12 + months;
    }
}
