package fr.passerelle.allowance;

import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes a computed statement: its row, its lines, the rule versions it applied, the adjustments it takes. */
final class StatementRows {

    private StatementRows() {
    }

    static long insert(JdbcClient jdbc, long childminderId, String departement, YearMonth month,
            StatementCalculator.Result result, OffsetDateTime now) {
        long id = jdbc.sql("""
                        insert into allowance_statement (childminder_id, departement_code, month, status,
                                                         capped_cents, total_cents, computed_at)
                        values (?, ?, ?, 'TO_CONFIRM', ?, ?, ?) returning id""")
                .param(childminderId).param(departement).param(Date.valueOf(month.atDay(1)))
                .param(result.cappedCents()).param(result.totalCents()).param(now)
                .query(Long.class).single();
        int position = 0;
        for (StatementCalculator.CareLine line : result.care()) {
            jdbc.sql("""
                            insert into allowance_statement_line (statement_id, position, kind, offer_id, period_days,
                                                                  planned_days, confirmed_days, amount_cents)
                            values (?, ?, 'CARE', ?, cast(? as date[]), cast(? as date[]), cast(? as date[]), ?)""")
                    .param(id).param(++position).param(line.offerId()).param(dates(line.periodDays()))
                    .param(dates(line.plannedDays())).param(dates(line.confirmedDays())).param(line.amountCents())
                    .update();
        }
        if (result.place() != null) {
            jdbc.sql("""
                            insert into allowance_statement_line (statement_id, position, kind, places, place_days,
                                                                  amount_cents)
                            values (?, ?, 'PLACE_KEPT', ?, ?, ?)""")
                    .param(id).param(++position).param(result.place().places()).param(result.place().days())
                    .param(result.place().amountCents()).update();
        }
        for (StatementCalculator.Adjustment adjustment : result.adjustments()) {
            jdbc.sql("""
                            insert into allowance_statement_line (statement_id, position, kind, corrects_id,
                                                                  correction_reason, amount_cents)
                            values (?, ?, 'ADJUSTMENT', ?, ?, ?)""")
                    .param(id).param(++position).param(adjustment.correctsId()).param(adjustment.reason())
                    .param(adjustment.amountCents()).update();
            jdbc.sql("update allowance_adjustment set applied_to_id = ? where id = ? and applied_to_id is null")
                    .param(id).param(adjustment.id()).update();
        }
        saveRules(jdbc, id, result);
        return id;
    }

    static void saveRules(JdbcClient jdbc, long statementId, StatementCalculator.Result result) {
        jdbc.sql("delete from allowance_statement_rule where statement_id = ?").param(statementId).update();
        if (!result.ruleIds().isEmpty()) {
            jdbc.sql("""
                            insert into allowance_statement_rule (statement_id, rule_id)
                            select ?, unnest(?::bigint[])""")
                    .param(statementId).param(result.ruleIds().toArray(Long[]::new)).update();
        }
    }

    static String[] dates(List<LocalDate> days) {
        return days.stream().map(LocalDate::toString).toArray(String[]::new);
    }
}
