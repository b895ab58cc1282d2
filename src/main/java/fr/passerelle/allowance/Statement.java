package fr.passerelle.allowance;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** A monthly statement as its pages show it. Amounts in euro cents. */
public record Statement(long id, long childminderId, long childminderOrganisationId, String childminderName,
        String departementCode, YearMonth month, StatementStatus status, long cappedCents, long totalCents,
        long version, List<Line> lines) {

    public Statement {
        lines = List.copyOf(lines);
    }

    /** One line: care of a child (days), a place kept available, or an adjustment of an earlier statement. */
    public record Line(long id, String kind, Long offerId, List<LocalDate> periodDays, List<LocalDate> plannedDays,
            List<LocalDate> confirmedDays, String correctionReason, Integer places, Integer placeDays,
            Long correctsId, long amountCents) {

        public boolean isCare() {
            return "CARE".equals(kind);
        }

        public boolean confirms(LocalDate day) {
            return confirmedDays != null && confirmedDays.contains(day);
        }
    }

    public boolean isToConfirm() {
        return status == StatementStatus.TO_CONFIRM;
    }

    public boolean isConfirmed() {
        return status == StatementStatus.CONFIRMED;
    }

    public boolean isLocked() {
        return status == StatementStatus.VALIDATED || status == StatementStatus.PAID;
    }
}
