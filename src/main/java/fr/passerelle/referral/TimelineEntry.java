package fr.passerelle.referral;

import java.time.Instant;
import java.util.List;

import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.organisation.UserAccount;

/**
 * One line of a referral's timeline as a given viewer may read it. Advisors never learn which provider was offered
 * the family (for a childminder, that is a person's name) nor what the provider wrote: a move made by a provider's
 * user shows only the provider's kind, and no comment. Caf officers see everything. The masking is done here, on the
 * read side, so that older rows are hidden too, whatever they hold.
 */
public final class TimelineEntry {

    private final Instant occurredAt;
    private final ReferralStatus fromStatus;
    private final ReferralStatus toStatus;
    private final String actorName;
    private final String organisationName;
    private final OrganisationKind providerKind;
    private final boolean system;
    private final String comment;

    private TimelineEntry(Instant occurredAt, ReferralStatus fromStatus, ReferralStatus toStatus, String actorName,
            String organisationName, OrganisationKind providerKind, boolean system, String comment) {
        this.occurredAt = occurredAt;
        this.fromStatus = fromStatus;
        this.toStatus = toStatus;
        this.actorName = actorName;
        this.organisationName = organisationName;
        this.providerKind = providerKind;
        this.system = system;
        this.comment = comment;
    }

    /** The timeline (as {@link ReferralService#timeline(long)} reads it) for a user of this role. */
    public static List<TimelineEntry> forViewer(List<ReferralTransition> timeline, Role viewer) {
        boolean hideProviders = viewer != Role.CAF_OFFICER && viewer != Role.ADMIN;
        return timeline.stream().map(transition -> of(transition, hideProviders)).toList();
    }

    static TimelineEntry of(ReferralTransition transition, boolean hideProviders) {
        UserAccount actor = transition.getActor();
        if (actor == null) {
            return new TimelineEntry(transition.getOccurredAt(), transition.getFromStatus(),
                    transition.getToStatus(), null, null, null, true, transition.getComment());
        }
        OrganisationKind kind = actor.getOrganisation().getKind();
        if (hideProviders && kind.isProvider()) {
            return new TimelineEntry(transition.getOccurredAt(), transition.getFromStatus(),
                    transition.getToStatus(), null, null, kind, false, null);
        }
        return new TimelineEntry(transition.getOccurredAt(), transition.getFromStatus(), transition.getToStatus(),
                actor.getDisplayName(), actor.getOrganisation().getName(), null, false, transition.getComment());
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    /** {@code null} for the creation of the draft. */
    public ReferralStatus getFromStatus() {
        return fromStatus;
    }

    public ReferralStatus getToStatus() {
        return toStatus;
    }

    /** Who acted, when the viewer may know; {@code null} for a system move or a hidden provider. */
    public String getActorName() {
        return actorName;
    }

    public String getOrganisationName() {
        return organisationName;
    }

    /** The kind of the provider who acted, when the viewer may only know that; otherwise {@code null}. */
    public OrganisationKind getProviderKind() {
        return providerKind;
    }

    /** Nobody acted: an offer expired at its deadline. */
    public boolean isSystem() {
        return system;
    }

    /** What was written with the move; {@code null} when none, or when the viewer may not read it. */
    public String getComment() {
        return comment;
    }
}
