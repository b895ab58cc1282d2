package fr.passerelle.audit;

import java.time.LocalDate;

import fr.passerelle.system.Pages;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.Errors;

/**
 * The filters of the audit trail page, bound from the query string: one of the {@link AuditedEntity} types and a
 * range of days. A value that is not one of them, or not a real date, is a field error and is ignored.
 */
public class AuditFilter {

    /** Nothing was audited before Passerelle existed: earlier days are read as this one. */
    static final LocalDate EARLIEST = LocalDate.of(2020, 1, 1);

    private AuditedEntity entityType;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate from;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate to;

    private int page;

    /**
     * Brings the days within {@link #EARLIEST} and a year from today (nothing is recorded outside, and a year such as
     * 99999 would overflow the database's timestamps); an end before the start is a field error and is ignored.
     */
    void clampDates(LocalDate today, Errors errors) {
        LocalDate latest = today.plusYears(1);
        from = clamp(from, latest);
        to = clamp(to, latest);
        if (from != null && to != null && to.isBefore(from)) {
            errors.rejectValue("to", "audit.to.beforeFrom");
            to = null;
        }
    }

    private static LocalDate clamp(LocalDate day, LocalDate latest) {
        if (day == null) {
            return null;
        }
        return day.isBefore(EARLIEST) ? EARLIEST : day.isAfter(latest) ? latest : day;
    }

    public AuditedEntity getEntityType() {
        return entityType;
    }

    public void setEntityType(AuditedEntity entityType) {
        this.entityType = entityType;
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

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Pages.clamp(page);
    }
}
