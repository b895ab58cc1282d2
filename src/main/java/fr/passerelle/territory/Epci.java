package fr.passerelle.territory;

/**
 * An intercommunality (EPCI à fiscalité propre).
 *
 * @param code its SIREN (9 digits)
 */
public record Epci(String code, String name) {

    /** "CA Grand Paris Sud Seine Essonne Sénart (200059228)": what {@link TerritoryDirectory#resolveEpci} reads back. */
    public String label() {
        return name + " (" + code + ")";
    }
}
