package fr.passerelle.provider;

import fr.passerelle.provider.label.AvipLabelStatus;

import java.time.LocalDate;

/**
 * One childminder as the registry's lists show them, with their current label.
 *
 * @param labelStatus the current label's status today; {@code null} when the childminder never had a label
 * @param agreementValid whether the agreement is still valid today
 */
public record RegistryRow(long id, String firstName, String lastName, String agreementNumber,
        LocalDate agreementEndDate, boolean agreementValid, int childrenAllowed, int avipPlaces, String communeCode,
        String communeName, boolean active, LocalDate labelValidFrom, LocalDate labelValidTo,
        AvipLabelStatus labelStatus) {
}
