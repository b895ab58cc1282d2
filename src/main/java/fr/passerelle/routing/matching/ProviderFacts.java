package fr.passerelle.routing.matching;

import java.time.LocalDate;

import fr.passerelle.routing.ProviderRef;

/**
 * What the rules know of one provider, read from the registry for one care period.
 *
 * @param active the service, crèche or childminder and its organisation are active
 * @param coversCommune for a home-care service: covers the family's commune (always true for the others)
 * @param places AVIP places (childminder) or reserved emergency places (crèche); null for a home-care service
 * @param heldPlaces places held by accepted offers overlapping the period, not released
 * @param minAgeMonths youngest age accepted, months
 * @param maxAgeMonths oldest age accepted, months
 * @param underThreeApproved for a home-care service: may care for children under 3 (always true for the others)
 * @param labelState the childminder's current label as of now (always {@link LabelState#NOT_NEEDED} for the others)
 * @param labelValidFrom first day of the current label, if any
 * @param labelValidTo last day of the current label, if any
 * @param agreementEndDate last day of the childminder's agreement, if a childminder
 * @param away the first absence the childminder declared on days of the care period, if any
 */
record ProviderFacts(ProviderRef provider, long organisationId, String name, String communeCode, String communeName,
        Proximity proximity, boolean active, boolean coversCommune, Integer places, int heldPlaces,
        int minAgeMonths, int maxAgeMonths, boolean underThreeApproved, LabelState labelState,
        LocalDate labelValidFrom, LocalDate labelValidTo, LocalDate agreementEndDate, Away away) {

    /** The facts of a provider away on none of the days (or not a childminder). */
    ProviderFacts(ProviderRef provider, long organisationId, String name, String communeCode, String communeName,
            Proximity proximity, boolean active, boolean coversCommune, Integer places, int heldPlaces,
            int minAgeMonths, int maxAgeMonths, boolean underThreeApproved, LabelState labelState,
            LocalDate labelValidFrom, LocalDate labelValidTo, LocalDate agreementEndDate) {
        this(provider, organisationId, name, communeCode, communeName, proximity, active, coversCommune, places,
                heldPlaces, minAgeMonths, maxAgeMonths, underThreeApproved, labelState, labelValidFrom,
                labelValidTo, agreementEndDate, null);
    }

    /** A childminder's declared absence (first and last day) overlapping the care period. */
    record Away(LocalDate firstDay, LocalDate lastDay) {
    }

    /** A childminder's current AVIP label, as of now. */
    enum LabelState {
        /** Not a childminder. */
        NOT_NEEDED,
        /** Neither suspended nor revoked; its dates still matter. */
        IN_FORCE,
        /** Suspended or revoked. */
        SUSPENDED_OR_REVOKED,
        /** Never granted. */
        NONE
    }

    /** Places still free over the period; null when the provider has no counted places (home care). */
    Integer freePlaces() {
        return places == null ? null : Math.max(0, places - heldPlaces);
    }
}
