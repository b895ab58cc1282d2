package fr.passerelle.statistics;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;

/**
 * Whose figures a user sees: Caf officers and administrators their Caf's territory (the families living in its
 * département, whoever referred them), advisors their own organisation's referrals. Providers see none.
 *
 * @param departementCode the territory, for the Caf
 * @param organisationId the prescriber, for an advisor
 */
public record StatisticsScope(String departementCode, Long organisationId) {

    /** @throws StatisticsNotAllowedException for a provider */
    public static StatisticsScope of(CurrentUser user) {
        if (user.getRole() == Role.CAF_OFFICER || user.getRole() == Role.ADMIN) {
            return new StatisticsScope(user.getDepartementCode(), null);
        }
        if (user.getRole() == Role.ADVISOR) {
            return new StatisticsScope(null, user.getOrganisationId());
        }
        throw new StatisticsNotAllowedException();
    }

    /** The Caf's view: breakdowns by prescriber, per provider, AVIP places. */
    public boolean caf() {
        return departementCode != null;
    }

    /** The condition on {@code statistics_event} (alias {@code e}), with its parameter {@code :scope}. */
    public String condition() {
        return caf() ? "e.departement_code = :scope" : "e.organisation_id = :scope";
    }

    public Object parameter() {
        return caf() ? departementCode : organisationId;
    }
}
