package fr.passerelle.relais;

import java.time.LocalDate;
import java.util.List;

/**
 * The AVIP label of a childminder of some relais ends within the notice period (60 days by default); published once
 * per label by {@link LabelLapseNotices}.
 *
 * @param childminderId          the childminder, whose facilitator's page opens from the notification
 * @param relaisOrganisationIds  the relais covering her commune
 * @param validTo                the label's last day
 */
public record LabelLapsingSoon(long childminderId, long labelId, List<Long> relaisOrganisationIds,
        LocalDate validTo) {
}
