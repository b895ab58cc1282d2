package fr.passerelle.allowance;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A Caf's allowance rules, edited by the administrators of the Caf of the département. Two versions never take effect
 * the same day (also a unique constraint); a version a validated statement applied is never changed: a new version
 * is added instead. Every change is audited.
 */
@Service
public class AllowanceRules {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    AllowanceRules(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    private static final String COLUMNS = """
            select r.id, r.effective_from, r.per_care_day_cents, r.per_place_month_cents, r.monthly_cap_cents,
                   r.version,
                   exists (select 1 from allowance_statement_rule u join allowance_statement s on s.id = u.statement_id
                           where u.rule_id = r.id and s.status in ('VALIDATED', 'PAID')) as used
            from allowance_rule r""";

    /** The versions of the administrator's Caf, latest first. */
    @Transactional(readOnly = true)
    public List<AllowanceRule> list(CurrentUser admin) {
        return jdbc.sql(COLUMNS + " where r.departement_code = ? order by r.effective_from desc limit 200")
                .param(departement(admin)).query(AllowanceRules::rule).list();
    }

    @Transactional(readOnly = true)
    public AllowanceRule get(CurrentUser admin, long id) {
        return jdbc.sql(COLUMNS + " where r.id = ? and r.departement_code = ?").param(id).param(departement(admin))
                .query(AllowanceRules::rule).optional().orElseThrow(NotFoundException::new);
    }

    /** The versions a month of that département may apply: the one in force on its first day and the later ones. */
    List<AllowanceRule> forMonth(String departementCode, LocalDate first, LocalDate last) {
        return jdbc.sql(COLUMNS + """
                         where r.departement_code = ? and r.effective_from <= ?
                           and r.effective_from >= coalesce((select max(p.effective_from) from allowance_rule p
                               where p.departement_code = r.departement_code and p.effective_from <= ?), r.effective_from)
                        order by r.effective_from""")
                .param(departementCode).param(Date.valueOf(last)).param(Date.valueOf(first))
                .query(AllowanceRules::rule).list();
    }

    /** @throws RejectedChangeException on {@code effectiveFrom} when a version already takes effect that day */
    @Transactional
    public long add(CurrentUser admin, RuleForm form) {
        String departement = departement(admin);
        lockDepartement(departement);
        refuseSameDay(departement, form.getEffectiveFrom(), null);
        long id = jdbc.sql("""
                        insert into allowance_rule (departement_code, effective_from, per_care_day_cents,
                                                    per_place_month_cents, monthly_cap_cents, created_at, created_by)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .param(departement).param(Date.valueOf(form.getEffectiveFrom()))
                .param(RuleForm.cents(form.getPerCareDay())).param(RuleForm.cents(form.getPerPlaceMonth()))
                .param(form.getMonthlyCap() == null ? null : RuleForm.cents(form.getMonthlyCap()))
                .param(clock.instant().atOffset(ZoneOffset.UTC)).param(admin.getUserId())
                .query(Long.class).single();
        audit.record(admin.getUserId(), "ALLOWANCE_RULE", id, "CREATED", Changes.of()
                .created("effectiveFrom", form.getEffectiveFrom())
                .created("perCareDay", form.getPerCareDay())
                .created("perPlaceMonth", form.getPerPlaceMonth())
                .created("monthlyCap", form.getMonthlyCap()));
        return id;
    }

    /**
     * @throws RejectedChangeException when a validated statement applied this version, or on {@code effectiveFrom}
     *         when another version takes effect that day
     * @throws StaleDataException when someone changed it since the form was shown
     */
    @Transactional
    public void update(CurrentUser admin, long id, RuleForm form) {
        String departement = departement(admin);
        lockDepartement(departement);
        AllowanceRule rule = get(admin, id);
        if (rule.used()) {
            throw new RejectedChangeException("allowance.rule.used", "effectiveFrom");
        }
        if (rule.version() != form.getVersion()) {
            throw new StaleDataException();
        }
        refuseSameDay(departement, form.getEffectiveFrom(), id);
        jdbc.sql("""
                        update allowance_rule set effective_from = ?, per_care_day_cents = ?,
                               per_place_month_cents = ?, monthly_cap_cents = ?, version = version + 1
                        where id = ? and version = ?""")
                .param(Date.valueOf(form.getEffectiveFrom())).param(RuleForm.cents(form.getPerCareDay()))
                .param(RuleForm.cents(form.getPerPlaceMonth()))
                .param(form.getMonthlyCap() == null ? null : RuleForm.cents(form.getMonthlyCap()))
                .param(id).param(form.getVersion()).update();
        audit.record(admin.getUserId(), "ALLOWANCE_RULE", id, "UPDATED", Changes.of()
                .field("effectiveFrom", rule.effectiveFrom(), form.getEffectiveFrom())
                .field("perCareDay", RuleForm.euros(rule.perCareDayCents()), form.getPerCareDay())
                .field("perPlaceMonth", RuleForm.euros(rule.perPlaceMonthCents()), form.getPerPlaceMonth())
                .field("monthlyCap", rule.monthlyCapCents() == null ? null : RuleForm.euros(rule.monthlyCapCents()),
                        form.getMonthlyCap()));
    }

    private void refuseSameDay(String departement, LocalDate day, Long except) {
        boolean taken = jdbc.sql("""
                        select exists (select 1 from allowance_rule where departement_code = ? and effective_from = ?
                                       and id <> ?)""")
                .param(departement).param(Date.valueOf(day)).param(except == null ? -1L : except)
                .query(Boolean.class).single();
        if (taken) {
            throw new RejectedChangeException("allowance.rule.sameDay", "effectiveFrom");
        }
    }

    /** Serialises the edits of one Caf's rules (two administrators adding the same day at once). */
    private void lockDepartement(String departement) {
        jdbc.sql("select code from departement where code = ? for update").param(departement).query(String.class)
                .single();
    }

    /** The administrator's Caf's département; another kind of administrator has no rules to edit. */
    static String departement(CurrentUser admin) {
        if (admin.getRole() != Role.ADMIN || admin.getOrganisationKind() != OrganisationKind.CAF) {
            throw new NotFoundException();
        }
        return admin.getDepartementCode();
    }

    private static AllowanceRule rule(ResultSet rs, int n) throws SQLException {
        return new AllowanceRule(rs.getLong("id"), rs.getObject("effective_from", LocalDate.class),
                rs.getLong("per_care_day_cents"), rs.getLong("per_place_month_cents"),
                rs.getObject("monthly_cap_cents") == null ? null : rs.getLong("monthly_cap_cents"), rs.getLong("version"), rs.getBoolean("used"));
    }
}
