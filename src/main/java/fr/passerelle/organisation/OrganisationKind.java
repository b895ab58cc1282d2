package fr.passerelle.organisation;

import java.util.EnumSet;
import java.util.Set;

/** What an organisation is, which decides the roles its users may hold. */
public enum OrganisationKind {

    /** A France Travail (ex-Pôle emploi) agency; its advisors file referrals. */
    FRANCE_TRAVAIL_AGENCY(EnumSet.of(Role.ADVISOR)),
    /** Another prescriber: centre social (and Missions locales created before they had a kind of their own). */
    OTHER_PRESCRIBER(EnumSet.of(Role.ADVISOR)),
    /** A Caf of one département: its officers check eligibility and route, its administrators keep the registry. */
    CAF(EnumSet.of(Role.CAF_OFFICER, Role.ADMIN)),
    /** A home-care service (service d'aide à domicile) answering emergencies within 24 hours. */
    HOME_CARE_SERVICE(EnumSet.of(Role.PROVIDER)),
    /** A crèche holding the AVIP label, with reserved emergency places. */
    AVIP_CRECHE(EnumSet.of(Role.PROVIDER)),
    /** An accredited childminder (assistant maternel): a one-person provider. */
    CHILDMINDER(EnumSet.of(Role.PROVIDER)),
    /** The body that runs Passerelle itself. */
    ADMINISTRATION(EnumSet.of(Role.ADMIN)),
    /** A Relais Petite Enfance (RPE, ex-RAM) covering a list of communes: its facilitators support the childminders. */
    RELAIS_PETITE_ENFANCE(EnumSet.of(Role.RPE_FACILITATOR)),
    /**
     * The Département's RSA service: since 2025 the referent of an RSA recipient, registered with France Travail
     * automatically, may belong to it; its advisors file referrals.
     */
    DEPARTEMENT_RSA_SERVICE(EnumSet.of(Role.ADVISOR)),
    /** A Mission locale: the referent of the young people it follows (registered automatically since 2025). */
    MISSION_LOCALE(EnumSet.of(Role.ADVISOR));

    private final Set<Role> allowedRoles;

    OrganisationKind(Set<Role> allowedRoles) {
        this.allowedRoles = allowedRoles;
    }

    public boolean allows(Role role) {
        return allowedRoles.contains(role);
    }

    public boolean isProvider() {
        return allowedRoles.contains(Role.PROVIDER);
    }
}
