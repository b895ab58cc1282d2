package fr.passerelle.territory;

import java.util.List;
import java.util.Objects;

/**
 * A commune as the interface shows it.
 *
 * @param inseeCode the commune's identifier, the one to store (5 characters, {@code 2A004} for Ajaccio)
 * @param departementCode 2 characters, or 3 overseas
 * @param epciCode null for the few communes outside any intercommunality
 * @param postalCodes in ascending order; empty for the TAAF districts, which have none
 */
public record Commune(String inseeCode, String name, String departementCode, String epciCode,
        List<String> postalCodes) {

    public Commune {
        Objects.requireNonNull(inseeCode, "inseeCode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(departementCode, "departementCode");
        postalCodes = List.copyOf(postalCodes);
    }

    /**
     * "Évry-Courcouronnes (91000)" — name and first postal code, what a person recognises; the name alone for a
     * commune without postal code. {@link CommuneDirectory#resolve(String)} turns it back into this commune.
     */
    public String label() {
        return postalCodes.isEmpty() ? name : name + " (" + postalCodes.get(0) + ")";
    }
}
