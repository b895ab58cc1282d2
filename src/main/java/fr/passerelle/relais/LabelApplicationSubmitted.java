package fr.passerelle.relais;

import java.util.List;

/**
 * A childminder applied for the AVIP label. Published in the transaction of the application.
 *
 * @param applicationId          the application
 * @param relaisOrganisationIds  the relais covering her commune, whose facilitators give an opinion (maybe none)
 * @param communeLabel           her commune, for the notification's words
 */
public record LabelApplicationSubmitted(long applicationId, List<Long> relaisOrganisationIds, String communeLabel) {
}
