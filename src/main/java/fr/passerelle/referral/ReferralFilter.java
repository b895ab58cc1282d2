package fr.passerelle.referral;

import java.time.LocalDate;

import fr.passerelle.system.Pages;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The filters of "Mes orientations", bound from the query string. The name search is not among them: a parent's
 * name must not travel in URLs, so it is kept in the session (see {@link AdvisorReferralController}).
 */
public class ReferralFilter {

    /** The orders the list can be sorted in; each has an index. */
    public enum Sort {
        /** Newest first. */
        CREATED,
        /** First day of care, soonest first. */
        FIRST_DAY,
        /** Waiting longest first: oldest last change. */
        WAITING
    }

    private ReferralStatus status;
    private Purpose purpose;
    private CareNeed need;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate from;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate to;

    private Sort sort = Sort.CREATED;

    /** The page's number, as the links carry it: shown only, the key says where the page starts. */
    private int page;

    /** The id of the last referral of the page before: this page starts after it. */
    private Long after;

    public ReferralStatus getStatus() {
        return status;
    }

    public void setStatus(ReferralStatus status) {
        this.status = status;
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public void setPurpose(Purpose purpose) {
        this.purpose = purpose;
    }

    public CareNeed getNeed() {
        return need;
    }

    public void setNeed(CareNeed need) {
        this.need = need;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public Sort getSort() {
        return sort;
    }

    public void setSort(Sort sort) {
        this.sort = sort == null ? Sort.CREATED : sort;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Pages.clamp(page);
    }

    public Long getAfter() {
        return after;
    }

    public void setAfter(Long after) {
        this.after = after;
    }
}
