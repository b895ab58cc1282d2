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
    /** The officer found the family eligible, or a provider declined or let an offer expire: waiting to be routed. */
    ELIGIBLE,
    /** The officer found the family not eligible, with a reason. Final. */
    INELIGIBLE,
    /** The advisor withdrew the referral, with a reason. Final. */
    WITHDRAWN,
    /** An offer awaits one provider's answer before its deadline. */
    OFFERED,
    /** A provider accepted the offer: a place is held for the care period. */
    CARE_ARRANGED,
    /** The advisor recorded the outcome after the care. Final. */
    CLOSED,
    /** No provider could take the family, with the reason: unmet demand, counted. Final. */
    NO_SOLUTION;

    private static final Map<ReferralStatus, Set<ReferralStatus>> TRANSITIONS = Map.of(
            DRAFT, EnumSet.of(SUBMITTED, WITHDRAWN),
            SUBMITTED, EnumSet.of(INFORMATION_REQUESTED, ELIGIBLE, INELIGIBLE, WITHDRAWN),
            INFORMATION_REQUESTED, EnumSet.of(SUBMITTED, WITHDRAWN),
            ELIGIBLE, EnumSet.of(OFFERED, NO_SOLUTION, WITHDRAWN),
            INELIGIBLE, EnumSet.noneOf(ReferralStatus.class),
            WITHDRAWN, EnumSet.noneOf(ReferralStatus.class),
            OFFERED, EnumSet.of(ELIGIBLE, CARE_ARRANGED, WITHDRAWN),
            CARE_ARRANGED, EnumSet.of(CLOSED, WITHDRAWN),
            CLOSED, EnumSet.noneOf(ReferralStatus.class),
            NO_SOLUTION, EnumSet.noneOf(ReferralStatus.class));

    public boolean canMoveTo(ReferralStatus target) {
        return TRANSITIONS.get(this).contains(target);
    }

    /** Still being worked on: not ended by a decision, a withdrawal, an outcome or "no solution". */
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
