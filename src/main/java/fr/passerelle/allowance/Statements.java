package fr.passerelle.allowance;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.relais.RelaisScope;
import fr.passerelle.system.Csv;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.RejectedChangeException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The statement cycle: the childminder confirms or corrects the days worked, a Caf officer validates (then it is
 * locked: a later correction is an adjustment on a later statement), the officer exports the month's validated
 * statements as a payment file, each statement once. Every step is audited. Concurrent validations and exports are
 * settled by the database: a status transition guarded by the version, and rows taken with skip locked.
 */
@Service
public class Statements {

    private final JdbcClient jdbc;
    private final StatementAccess access;
    private final AllowanceRules rules;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Statements(JdbcClient jdbc, StatementAccess access, AllowanceRules rules, AuditTrail audit,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.rules = rules;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A statement in a list: no lines. */
    public record Row(long id, String childminderName, YearMonth month, StatementStatus status, long totalCents) {
    }

    /** A payment file already made. */
    public record Export(long id, YearMonth month, java.time.Instant exportedAt, int statements, long totalCents) {
    }

    private static final String ROW = """
            select s.id, c.first_name || ' ' || c.last_name as name, s.month, s.status, s.total_cents
            from allowance_statement s join childminder c on c.id = s.childminder_id""";

    /** The childminder's own statements, latest first. */
    @Transactional(readOnly = true)
    public List<Row> mine(CurrentUser user) {
        return jdbc.sql(ROW + " where c.organisation_id = ? order by s.month desc limit 36")
                .param(user.getOrganisationId()).query(Statements::row).list();
    }

    /** The statements of the officer's département for a month, by status then name. */
    @Transactional(readOnly = true)
    public List<Row> ofMonth(CurrentUser officer, YearMonth month) {
        return jdbc.sql(ROW + """
                         where s.departement_code = ? and s.month = ?
                        order by s.status, c.last_search_name, c.first_search_name, s.id limit 500""")
                .param(officer.getDepartementCode()).param(Date.valueOf(month.atDay(1)))
                .query(Statements::row).list();
    }

    /** A statement in the facilitator's list: the days and the amount, nothing of the families. */
    public record RelaisRow(long id, String childminderName, YearMonth month, StatementStatus status, int plannedDays,
            int confirmedDays, long totalCents) {
    }

    /** The facilitator's list is bounded: a relais covers a few dozen childminders, a year of statements each. */
    static final int RELAIS_LIMIT = 300;

    /**
     * The statements of the AVIP childminders of the facilitator's relais's communes: those to confirm first, then
     * the latest months. One statement (the days are summed per statement over its lines' index).
     */
    @Transactional(readOnly = true)
    public List<RelaisRow> ofRelais(CurrentUser facilitator) {
        long relais = RelaisScope.relaisOf(facilitator);
        return jdbc.sql("""
                        select s.id, c.first_name || ' ' || c.last_name, s.month, s.status,
                               coalesce(d.planned, 0), coalesce(d.confirmed, 0), s.total_cents
                        from relais_commune rc
                        join childminder c on c.commune_code = rc.commune_code
                        join allowance_statement s on s.childminder_id = c.id
                        left join lateral (select sum(cardinality(l.planned_days)) as planned,
                                                  sum(cardinality(l.confirmed_days)) as confirmed
                                           from allowance_statement_line l
                                           where l.statement_id = s.id and l.kind = 'CARE') d on true
                        where rc.relais_organisation_id = ?
                        order by s.status <> 'TO_CONFIRM', s.month desc, c.last_search_name, c.first_search_name, s.id
                        limit ?""")
                .param(relais).param(RELAIS_LIMIT)
                .query((rs, n) -> new RelaisRow(rs.getLong(1), rs.getString(2),
                        YearMonth.from(rs.getObject(3, LocalDate.class)), StatementStatus.valueOf(rs.getString(4)),
                        rs.getInt(5), rs.getInt(6), rs.getLong(7)))
                .list();
    }

    /** The payment files of the officer's département, latest first. */
    @Transactional(readOnly = true)
    public List<Export> exports(CurrentUser officer) {
        return jdbc.sql("""
                        select id, month, exported_at, statements, total_cents from allowance_export
                        where departement_code = ? order by id desc limit 24""")
                .param(officer.getDepartementCode())
                .query((rs, n) -> new Export(rs.getLong(1), YearMonth.from(rs.getObject(2, LocalDate.class)),
                        rs.getTimestamp(3).toInstant(), rs.getInt(4), rs.getLong(5)))
                .list();
    }

    /** One statement with its lines, if the user may see it (otherwise not found). */
    @Transactional(readOnly = true)
    public Statement get(CurrentUser user, long id) {
        Statement statement = load(id);
        if (!access.maySee(user, statement)) {
            throw new NotFoundException();
        }
        return statement;
    }

    /**
     * The childminder (or the facilitator of her relais, on her behalf) confirms the days worked, per care line (the days she unticked were not worked, the days she
     * added were): a change from the days planned needs a reason.
     *
     * @param days each care line's id and the days she confirms
     * @throws RejectedChangeException on {@code days} for a day outside the care period, on {@code reason} for a
     *         change without a reason, or when the statement is no longer to confirm or changed meanwhile
     */
    @Transactional
    public void confirm(CurrentUser user, long id, long version, Map<Long, List<LocalDate>> days, String reason) {
        Statement statement = load(id);
        if (!access.mayConfirm(user, statement)) {
            throw new NotFoundException();
        }
        if (!statement.isToConfirm() || statement.version() != version) {
            throw new RejectedChangeException("allowance.statement.changed");
        }
        List<StatementCalculator.CareLine> care = new ArrayList<>();
        boolean changed = false;
        for (Statement.Line line : statement.lines()) {
            if (!line.isCare()) {
                continue;
            }
            List<LocalDate> confirmed = days.getOrDefault(line.id(), List.of()).stream().distinct().sorted().toList();
            for (LocalDate day : confirmed) {
                if (!line.periodDays().contains(day)) {
                    throw new RejectedChangeException("allowance.statement.dayOutside", "days",
                            day.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu")));
                }
            }
            changed |= !confirmed.equals(line.plannedDays());
            care.add(new StatementCalculator.CareLine(line.offerId(), line.periodDays(), line.plannedDays(),
                    confirmed, 0));
        }
        for (Long lineId : days.keySet()) {
            if (statement.lines().stream().noneMatch(l -> l.isCare() && l.id() == lineId)) {
                throw new RejectedChangeException("allowance.statement.dayOutside", "days", "—");
            }
        }
        String trimmed = reason == null || reason.isBlank() ? null : reason.strip();
        if (changed && trimmed == null) {
            throw new RejectedChangeException("allowance.statement.reasonRequired", "reason");
        }
        if (trimmed != null && trimmed.length() > 500) {
            throw new RejectedChangeException("allowance.statement.reasonTooLong", "reason");
        }
        StatementCalculator.PlaceLine place = statement.lines().stream().filter(l -> "PLACE_KEPT".equals(l.kind()))
                .findFirst().map(l -> new StatementCalculator.PlaceLine(l.places(), l.placeDays(), l.amountCents()))
                .orElse(null);
        List<StatementCalculator.Adjustment> adjustments = statement.lines().stream()
                .filter(l -> "ADJUSTMENT".equals(l.kind()))
                .map(l -> new StatementCalculator.Adjustment(l.id(), l.correctsId(), l.amountCents(),
                        l.correctionReason()))
                .toList();
        YearMonth month = statement.month();
        StatementCalculator.Result result = StatementCalculator.recompute(month,
                rules.forMonth(statement.departementCode(), month.atDay(1), month.atEndOfMonth()), care, place,
                adjustments);
        int updated = jdbc.sql("""
                        update allowance_statement set status = 'CONFIRMED', confirmed_at = ?, confirmed_by = ?,
                               capped_cents = ?, total_cents = ?, version = version + 1
                        where id = ? and version = ? and status = 'TO_CONFIRM'""")
                .param(clock.instant().atOffset(ZoneOffset.UTC)).param(user.getUserId())
                .param(result.cappedCents()).param(result.totalCents()).param(id).param(version).update();
        if (updated == 0) {
            throw new RejectedChangeException("allowance.statement.changed");
        }
        int i = 0;
        for (Statement.Line line : statement.lines()) {
            if (!line.isCare()) {
                continue;
            }
            StatementCalculator.CareLine computed = result.care().get(i++);
            boolean lineChanged = !computed.confirmedDays().equals(line.plannedDays());
            jdbc.sql("""
                            update allowance_statement_line set confirmed_days = cast(? as date[]), amount_cents = ?,
                                   correction_reason = ?
                            where id = ?""")
                    .param(StatementRows.dates(computed.confirmedDays())).param(computed.amountCents())
                    .param(lineChanged ? trimmed : null).param(line.id()).update();
        }
        StatementRows.saveRules(jdbc, id, result);
        Changes changes = Changes.of().field("total", euros(statement.totalCents()), euros(result.totalCents()))
                .created("reason", trimmed);
        if (!access.isChildminderHerself(user, statement)) {
            changes.created("onBehalfOf", statement.childminderName())
                    .created("onBehalfOfChildminder", statement.childminderId());
        }
        audit.record(user.getUserId(), "ALLOWANCE_STATEMENT", id, "CONFIRMED", changes);
    }

    /**
     * A Caf officer validates a confirmed statement of the département: then it is locked.
     *
     * @throws RejectedChangeException when it is not confirmed or someone validated or changed it meanwhile
     */
    @Transactional
    public void validate(CurrentUser officer, long id, long version) {
        Statement statement = load(id);
        if (!access.mayValidate(officer, statement)) {
            throw new NotFoundException();
        }
        int updated = jdbc.sql("""
                        update allowance_statement set status = 'VALIDATED', validated_at = ?, validated_by = ?,
                               version = version + 1
                        where id = ? and version = ? and status = 'CONFIRMED'""")
                .param(clock.instant().atOffset(ZoneOffset.UTC)).param(officer.getUserId()).param(id).param(version)
                .update();
        if (updated == 0) {
            throw new RejectedChangeException("allowance.statement.changed");
        }
        audit.record(officer.getUserId(), "ALLOWANCE_STATEMENT", id, "VALIDATED", Changes.of()
                .created("total", euros(statement.totalCents())));
    }

    /**
     * A correction of a validated (or paid) statement: an adjustment line on the childminder's next statement.
     *
     * @throws RejectedChangeException on {@code amount} or {@code reason}, or when the statement is not locked yet
     */
    @Transactional
    public void adjust(CurrentUser officer, long id, BigDecimal amount, String reason) {
        Statement statement = load(id);
        if (!access.mayValidate(officer, statement)) {
            throw new NotFoundException();
        }
        if (!statement.isLocked()) {
            throw new RejectedChangeException("allowance.adjustment.notLocked");
        }
        if (amount == null || amount.scale() > 2 || amount.signum() == 0
                || amount.abs().compareTo(new BigDecimal("10000.00")) > 0) {
            throw new RejectedChangeException("allowance.adjustment.amount", "amount");
        }
        String trimmed = reason == null ? "" : reason.strip();
        if (trimmed.isEmpty() || trimmed.length() > 500) {
            throw new RejectedChangeException("allowance.adjustment.reason", "reason");
        }
        long adjustment = jdbc.sql("""
                        insert into allowance_adjustment (childminder_id, corrects_id, amount_cents, reason, created_at,
                                                          created_by)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .param(statement.childminderId()).param(id).param(amount.movePointRight(2).longValueExact())
                .param(trimmed).param(clock.instant().atOffset(ZoneOffset.UTC)).param(officer.getUserId())
                .query(Long.class).single();
        audit.record(officer.getUserId(), "ALLOWANCE_ADJUSTMENT", adjustment, "CREATED", Changes.of()
                .created("statement", id).created("amount", amount).created("reason", trimmed));
    }

    /**
     * The payment file of the month: every validated statement of the département not yet paid, marked paid in the
     * same transaction. Rows another export is taking are skipped: a statement is paid once.
     *
     * @return the export's id
     * @throws RejectedChangeException when no validated statement is left to pay that month
     */
    @Transactional
    public long export(CurrentUser officer, YearMonth month) {
        record Due(long id, long organisationId, long totalCents) {
        }
        List<Due> due = jdbc.sql("""
                        select s.id, c.organisation_id, s.total_cents from allowance_statement s
                        join childminder c on c.id = s.childminder_id
                        where s.departement_code = ? and s.month = ? and s.status = 'VALIDATED'
                        order by s.id for update of s skip locked""")
                .param(officer.getDepartementCode()).param(Date.valueOf(month.atDay(1)))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
        if (due.isEmpty()) {
            throw new RejectedChangeException("allowance.export.none");
        }
        long total = due.stream().mapToLong(Due::totalCents).sum();
        long exportId = jdbc.sql("""
                        insert into allowance_export (departement_code, month, exported_at, exported_by, statements,
                                                      total_cents)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .param(officer.getDepartementCode()).param(Date.valueOf(month.atDay(1)))
                .param(clock.instant().atOffset(ZoneOffset.UTC)).param(officer.getUserId()).param(due.size())
                .param(total).query(Long.class).single();
        int paid = jdbc.sql("""
                        update allowance_statement set status = 'PAID', export_id = ?, version = version + 1
                        where id = any(?) and status = 'VALIDATED'""")
                .param(exportId).param(due.stream().map(Due::id).toArray(Long[]::new)).update();
        if (paid != due.size()) {
            throw new IllegalStateException("A statement locked for the export changed status");
        }
        audit.record(officer.getUserId(), "ALLOWANCE_EXPORT", exportId, "CREATED", Changes.of()
                .created("month", month).created("statements", due.size()).created("total", euros(total)));
        audit.recordAll(officer.getUserId(), "ALLOWANCE_STATEMENT", "PAID", due.stream().collect(
                java.util.stream.Collectors.toMap(Due::id, d -> Changes.of().created("export", exportId),
                        (a, b) -> a, java.util.LinkedHashMap::new)));
        due.forEach(d -> events.publishEvent(new StatementPaid(d.id(), d.organisationId())));
        return exportId;
    }

    /**
     * Writes a payment file of the officer's département: a header, then one row per statement (Caf département,
     * month, statement number, agreement number, last name, first name, amount in euros with two decimals).
     */
    @Transactional(readOnly = true)
    public void writeExport(CurrentUser officer, long exportId, Writer out) throws IOException {
        boolean mine = jdbc.sql("select exists (select 1 from allowance_export where id = ? and departement_code = ?)")
                .param(exportId).param(officer.getDepartementCode()).query(Boolean.class).single();
        if (!mine) {
            throw new NotFoundException();
        }
        List<List<String>> rows = jdbc.sql("""
                        select s.departement_code, to_char(s.month, 'YYYY-MM'), s.id, c.agreement_number, c.last_name,
                               c.first_name, s.total_cents
                        from allowance_statement s join childminder c on c.id = s.childminder_id
                        where s.export_id = ? order by s.id""")
                .param(exportId)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), euros(rs.getLong(7)).toPlainString()))
                .list();
        Csv csv = new Csv(out);
        csv.row(List.of("departement", "mois", "releve", "numero_agrement", "nom", "prenom", "montant_euros"));
        for (List<String> row : rows) {
            csv.row(row);
        }
        out.flush();
    }

    static BigDecimal euros(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private Statement load(long id) {
        Statement head = jdbc.sql("""
                        select s.id, s.childminder_id, c.organisation_id, c.first_name || ' ' || c.last_name,
                               s.departement_code, s.month, s.status, s.capped_cents, s.total_cents, s.version
                        from allowance_statement s join childminder c on c.id = s.childminder_id where s.id = ?""")
                .param(id)
                .query((rs, n) -> new Statement(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), YearMonth.from(rs.getObject(6, LocalDate.class)),
                        StatementStatus.valueOf(rs.getString(7)), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        List.of()))
                .optional().orElseThrow(NotFoundException::new);
        List<Statement.Line> lines = jdbc.sql("""
                        select id, kind, offer_id, period_days, planned_days, confirmed_days, correction_reason,
                               places, place_days, corrects_id, amount_cents
                        from allowance_statement_line where statement_id = ? order by position""")
                .param(id).query(Statements::line).list();
        return new Statement(head.id(), head.childminderId(), head.childminderOrganisationId(),
                head.childminderName(), head.departementCode(), head.month(), head.status(), head.cappedCents(),
                head.totalCents(), head.version(), lines);
    }

    private static Statement.Line line(ResultSet rs, int n) throws SQLException {
        return new Statement.Line(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class),
                rs.getArray(4) == null ? null : MonthlyStatements.dates(rs.getArray(4)),
                rs.getArray(5) == null ? null : MonthlyStatements.dates(rs.getArray(5)),
                rs.getArray(6) == null ? null : MonthlyStatements.dates(rs.getArray(6)), rs.getString(7),
                (Integer) rs.getObject(8, Integer.class), (Integer) rs.getObject(9, Integer.class),
                (Long) rs.getObject(10, Long.class), rs.getLong(11));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), YearMonth.from(rs.getObject(3, LocalDate.class)),
                StatementStatus.valueOf(rs.getString(4)), rs.getLong(5));
    }
}
