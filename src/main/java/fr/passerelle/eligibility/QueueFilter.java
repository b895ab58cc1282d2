package fr.passerelle.eligibility;

import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.system.Pages;

/** Filters of the officer's queue, bound from the query string (no personal data in them). */
public class QueueFilter {

    private ReferralStatus status = ReferralStatus.SUBMITTED;
    private CareNeed need;
    private Purpose purpose;
    private int page;

    public ReferralStatus getStatus() {
        return status;
    }

    /** Only the statuses a queue makes sense for: waiting for the Caf, or waiting for the advisor's answer. */
    public void setStatus(ReferralStatus status) {
        this.status = status == ReferralStatus.INFORMATION_REQUESTED ? status : ReferralStatus.SUBMITTED;
    }

    public CareNeed getNeed() {
        return need;
    }

    public void setNeed(CareNeed need) {
        this.need = need;
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public void setPurpose(Purpose purpose) {
        this.purpose = purpose;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Pages.clamp(page);
    }
}
