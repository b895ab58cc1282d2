package fr.passerelle.referral;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a referral stands. The allowed moves are this table, and nothing else: from-state → to-states.
 */
public enum ReferralStatus {

    /** Being written by the advisor; only their organisation sees it. */
    DRAFT,
    /** Sent to the Caf, waiting in the officer's queue. */
    SUBMITTED,
    /** The officer asked the advisor for information; back in the queue once answered. */
    INFORMATION_REQUESTED,
    /** The officer found the family eligible; next comes routing to a provider. */
    ELIGIBLE,
    /** The officer found the family not eligible, with a reason. Final. */
    INELIGIBLE,
    /** The advisor withdrew the referral, with a reason. Final. */
    WITHDRAWN;

    private static final Map<ReferralStatus, Set<ReferralStatus>> TRANSITIONS = Map.of(
            DRAFT, EnumSet.of(SUBMITTED, WITHDRAWN),
            SUBMITTED, EnumSet.of(INFORMATION_REQUESTED, ELIGIBLE, INELIGIBLE, WITHDRAWN),
            INFORMATION_REQUESTED, EnumSet.of(SUBMITTED, WITHDRAWN),
            ELIGIBLE, EnumSet.of(WITHDRAWN),
            INELIGIBLE, EnumSet.noneOf(ReferralStatus.class),
            WITHDRAWN, EnumSet.noneOf(ReferralStatus.class));

    public boolean canMoveTo(ReferralStatus target) {
        return TRANSITIONS.get(this).contains(target);
    }

    /** Still being worked on: not ended by a decision or a withdrawal. */
    public boolean isOpen() {
        return !TRANSITIONS.get(this).isEmpty();
    }

    /** The advisor may change the referral's details: while writing it, or to answer the officer's question. */
    public boolean isEditable() {
        return this == DRAFT || this == INFORMATION_REQUESTED;
    }

    /** Statuses in which a referral is open, for queries. */
    public static Set<ReferralStatus> openStatuses() {
        EnumSet<ReferralStatus> open = EnumSet.noneOf(ReferralStatus.class);
        for (ReferralStatus status : values()) {
            if (status.isOpen()) {
                open.add(status);
            }
        }
        return open;
    }
}
