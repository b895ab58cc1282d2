package fr.passerelle.provider;

import java.time.LocalDate;

/**
 * A childminder's registry entry as an administrator enters it, in the form or in a CSV row.
 *
 * @param communeCode INSEE code of the commune the childminder works in
 * @param minAgeMonths youngest child accepted, in months
 * @param maxAgeMonths oldest child accepted, in months
 */
public record ChildminderDetails(String firstName, String lastName, String agreementNumber,
        LocalDate agreementEndDate, int childrenAllowed, int avipPlaces, String communeCode, int minAgeMonths,
        int maxAgeMonths, String phone, String email, String availabilityNotes) {
}
