package fr.passerelle.demo;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.passerelle.allowance.MonthlyStatements;
import fr.passerelle.allowance.Statement;
import fr.passerelle.allowance.Statements;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.UserAccountRepository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The AVIP allowance and availability of the demo (README "AVIP allowance and availability"):
 * <ul>
 * <li>the Essonne Caf's rules: a version from the first day of the month before last, and one taking effect on the
 * 16th of last month, so that last month's statements are split;</li>
 * <li>free AVIP places declared by {@code am.martin}, {@code am.bernard} and {@code am.petit}, and last month's
 * statements: Sophie Martin's to confirm, Nadia Bernard's confirmed (for {@code agent.caf} to validate), Marie
 * Petit's validated (ready for the payment file);</li>
 * <li>an absence of {@code am.robert} over the days of Linh Nguyen's occasional care next week: routing shows her
 * among the excluded candidates, away.</li>
 * </ul>
 * Loading twice adds nothing: each step checks first.
 */
@Component
@Profile("demo")
@Order(6)
class DemoAllowance implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoAllowance.class);

    private final JdbcClient jdbc;
    private final MonthlyStatements monthly;
    private final Statements statements;
    private final UserAccountRepository users;
    private final Clock clock;

    DemoAllowance(JdbcClient jdbc, MonthlyStatements monthly, Statements statements, UserAccountRepository users,
            Clock clock) {
        this.jdbc = jdbc;
        this.monthly = monthly;
        this.statements = statements;
        this.users = users;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        LocalDate today = LocalDate.now(clock);
        YearMonth last = YearMonth.from(today).minusMonths(1);
        rule(last.minusMonths(1).atDay(1), 1500, 4000, 60000L);
        rule(last.atDay(16), 1800, 4500, 65000L);
        freePlaces("am.martin", 1);
        freePlaces("am.bernard", 1);
        freePlaces("am.petit", 2);
        absence("am.robert", today.plusDays(5), today.plusDays(14));
        monthly.compute(last);
        long bernard = statementOf("am.bernard", last);
        long petit = statementOf("am.petit", last);
        confirm("am.bernard", bernard);
        if (confirm("am.petit", petit)) {
            statements.validate(principal("agent.caf"), petit, 1);
        }
        log.info("Demo allowance ready");
    }

    private void rule(LocalDate from, long perDay, long perPlace, Long cap) {
        jdbc.sql("""
                        insert into allowance_rule (departement_code, effective_from, per_care_day_cents,
                                                    per_place_month_cents, monthly_cap_cents, created_at)
                        values ('91', ?, ?, ?, ?, now()) on conflict do nothing""")
                .param(Date.valueOf(from)).param(perDay).param(perPlace).param(cap).update();
    }

    private void freePlaces(String username, int places) {
        jdbc.sql("""
                        insert into childminder_free_places (childminder_id, free_places, declared_at, declared_by)
                        select c.id, ?, now(), u.id from user_account u join childminder c
                            on c.organisation_id = u.organisation_id
                        where u.username = ? on conflict do nothing""")
                .param(places).param(username).update();
    }

    private void absence(String username, LocalDate first, LocalDate last) {
        jdbc.sql("""
                        insert into childminder_absence (childminder_id, reason, first_day, last_day, created_at,
                                                         created_by)
                        select c.id, 'TRAINING', ?, ?, now(), u.id from user_account u join childminder c
                            on c.organisation_id = u.organisation_id
                        where u.username = ?
                          and not exists (select 1 from childminder_absence a where a.childminder_id = c.id)""")
                .param(Date.valueOf(first)).param(Date.valueOf(last)).param(username).update();
    }

    private long statementOf(String username, YearMonth month) {
        return jdbc.sql("""
                        select s.id from allowance_statement s join childminder c on c.id = s.childminder_id
                        join user_account u on u.organisation_id = c.organisation_id
                        where u.username = ? and s.month = ?""")
                .param(username).param(Date.valueOf(month.atDay(1))).query(Long.class).single();
    }

    /** Confirms the statement as computed, if it still waits; whether it did. */
    private boolean confirm(String username, long statementId) {
        boolean waiting = jdbc.sql("select status = 'TO_CONFIRM' from allowance_statement where id = ?")
                .param(statementId).query(Boolean.class).single();
        if (waiting) {
            // The days worked are the days planned.
            CurrentUser childminder = principal(username);
            Map<Long, List<LocalDate>> days = new HashMap<>();
            statements.get(childminder, statementId).lines().stream().filter(Statement.Line::isCare)
                    .forEach(line -> days.put(line.id(), line.plannedDays()));
            statements.confirm(childminder, statementId, 0, days, null);
        }
        return waiting;
    }

    private CurrentUser principal(String username) {
        return CurrentUser.of(users.findWithOrganisationByUsername(username)
                .orElseThrow(() -> new IllegalStateException("Demo account " + username + " is missing")));
    }
}
