package fr.passerelle.routing.matching;

import fr.passerelle.provider.ProviderRegistry;

/** How near a provider is to the family's commune, nearest first. */
public enum Proximity {

    /** In the family's commune. */
    SAME_COMMUNE,
    /** In another commune of the family's intercommunality (EPCI). */
    SAME_EPCI,
    /** Elsewhere in the family's département. */
    SAME_DEPARTEMENT,
    /** In another département: too far for a childminder or a crèche. */
    OTHER_DEPARTEMENT;

    static Proximity of(ProviderRegistry.Proximity proximity) {
        return valueOf(proximity.name());
    }
}
