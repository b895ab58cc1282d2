package fr.passerelle.audit;

/**
 * The kinds of record the audit trail knows: what {@code audit_entry.entity_type} holds, and the fixed choices of the
 * audit page's filter. The services that write the trail take their entity names from here, so that the list stays
 * complete.
 */
public enum AuditedEntity {

    /** A user account ({@code UserAdministration}). */
    USER,
    /** A France Travail agency, other prescriber, Caf or the administration ({@code OrganisationAdministration}). */
    ORGANISATION,
    /** A home-care service and its organisation ({@code ServiceAdministration}). */
    HOME_CARE_SERVICE,
    /** An AVIP crèche and its organisation ({@code ServiceAdministration}). */
    CRECHE,
    /** A childminder of the registry ({@code ChildminderRegistry}, {@code ChildminderImport}). */
    CHILDMINDER,
    /** An AVIP label granted to a childminder ({@code ChildminderRegistry}). */
    AVIP_LABEL,
    /** An offer answered (or tried) through the answer link of its email ({@code notification.AnswerByLink}). */
    OFFER,
    /** A run of the retention job, with its counts ({@code privacy.Retention}). */
    RETENTION_RUN,
    /** A referral whose parent withdrew consent ({@code privacy.ConsentWithdrawal}). */
    REFERRAL,
    /** The communes a Relais Petite Enfance covers ({@code relais.RelaisCommunes}). */
    RELAIS,
    /** A support action in a relais's follow-up log of a childminder ({@code relais.FollowUpLog}). */
    FOLLOW_UP,
    /** A childminder's application for the AVIP label ({@code relais.LabelApplications}). */
    LABEL_APPLICATION,
    /** A Caf's automatic hand-on for one need ({@code routing.offer.HandOnSettings}). */
    HAND_ON_SETTING,
    /** A Caf's purposes offered to advisors and found eligible ({@code eligibility.PurposeSettings}). */
    PURPOSE_SETTING
}
