package fr.passerelle.referral;

import java.time.LocalDate;

/**
 * Another open referral for the same child (first name and birth date, same parent) with overlapping dates.
 *
 * @param sameOrganisation whether the user's organisation filed it, so that it can be linked to
 */
public record DuplicateReferral(long id, boolean sameOrganisation, String organisationName, ReferralStatus status,
        LocalDate firstDay) {
}
