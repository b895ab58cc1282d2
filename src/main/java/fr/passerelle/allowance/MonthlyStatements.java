package fr.passerelle.allowance;

import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.passerelle.system.ExclusiveJobs;
import fr.passerelle.system.WeekDays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monthly job: for each labelled childminder of a département with allowance rules, the statement of the past
 * month ({@link StatementCalculator}), unless she has one already; she is told it waits for her confirmation. A
 * month without any line (no care, no place kept, no adjustment) makes no statement. The facts of every childminder
 * of a département are read in a few set-based statements.
 */
@Service
public class MonthlyStatements {

    static final String JOB = "allowance-statements";
    private static final Logger log = LoggerFactory.getLogger(MonthlyStatements.class);

    private final JdbcClient jdbc;
    private final AllowanceRules rules;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MonthlyStatements(JdbcClient jdbc, AllowanceRules rules, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.events = events;
        this.clock = clock;
    }

    /** The statements of the month before today's. */
    public int computePastMonth() {
        return compute(YearMonth.now(clock).minusMonths(1));
    }

    /** The statements of that month, for every département with rules; returns how many were made. */
    @Transactional
    public int compute(YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        List<String> departements = jdbc.sql("""
                        select distinct departement_code from allowance_rule where effective_from <= ?
                        order by departement_code""")
                .param(Date.valueOf(last)).query(String.class).list();
        int made = 0;
        for (String departement : departements) {
            made += compute(departement, month, rules.forMonth(departement, first, last));
        }
        log.info("{} allowance statement(s) computed", made);
        return made;
    }

    private record Minder(long id, long organisationId, int freePlaces) {
    }

    private int compute(String departement, YearMonth month, List<AllowanceRule> monthRules) {
        Date first = Date.valueOf(month.atDay(1));
        Date last = Date.valueOf(month.atEndOfMonth());
        List<Minder> minders = jdbc.sql("""
                        select c.id, c.organisation_id, coalesce(f.free_places, 0)
                        from childminder c
                        join commune m on m.insee_code = c.commune_code
                        left join childminder_free_places f on f.childminder_id = c.id
                        where m.departement_code = :departement
                          and exists (select 1 from avip_label l where l.childminder_id = c.id
                                      and l.valid_from <= :last and l.valid_to >= :first
                                      and (l.revoked_at is null or l.revoked_at >= :first))
                          and not exists (select 1 from allowance_statement s
                                          where s.childminder_id = c.id and s.month = :first)
                        order by c.id""")
                .param("departement", departement).param("first", first).param("last", last)
                .query((rs, n) -> new Minder(rs.getLong(1), rs.getLong(2), Math.min(rs.getInt(3),
                        Integer.MAX_VALUE)))
                .list();
        if (minders.isEmpty()) {
            return 0;
        }
        Long[] ids = minders.stream().map(Minder::id).toArray(Long[]::new);
        Map<Long, List<StatementCalculator.Care>> cares = new HashMap<>();
        jdbc.sql("""
                        select o.provider_id, o.id, r.first_day, coalesce(r.last_day, r.first_day), r.regular_days
                        from offer o join referral r on r.id = o.referral_id
                        where o.provider_kind = 'CHILDMINDER' and o.status = 'ACCEPTED' and o.provider_id = any(:ids)
                          and r.status <> 'WITHDRAWN'
                          and r.first_day <= :last and coalesce(r.last_day, r.first_day) >= :first
                        order by r.first_day, o.id""")
                .param("ids", ids).param("first", first).param("last", last)
                .query(rs -> {
                    cares.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new StatementCalculator.Care(
                            rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class),
                            WeekDays.of(rs.getInt(5))));
                });
        Map<Long, List<StatementCalculator.Away>> absences = new HashMap<>();
        jdbc.sql("""
                        select childminder_id, first_day, last_day from childminder_absence
                        where childminder_id = any(:ids) and first_day <= :last and last_day >= :first""")
                .param("ids", ids).param("first", first).param("last", last)
                .query(rs -> {
                    absences.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new StatementCalculator.Away(
                            rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)));
                });
        Map<Long, List<StatementCalculator.Adjustment>> adjustments = new HashMap<>();
        jdbc.sql("""
                        select childminder_id, id, corrects_id, amount_cents, reason from allowance_adjustment
                        where childminder_id = any(:ids) and applied_to_id is null order by id""")
                .param("ids", ids)
                .query(rs -> {
                    adjustments.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(
                            new StatementCalculator.Adjustment(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                                    rs.getString(5)));
                });
        int made = 0;
        for (Minder minder : minders) {
            StatementCalculator.Result result = StatementCalculator.compute(month, monthRules,
                    cares.getOrDefault(minder.id(), List.of()), absences.getOrDefault(minder.id(), List.of()),
                    minder.freePlaces(), adjustments.getOrDefault(minder.id(), List.of()));
            if (result.isEmpty()) {
                continue;
            }
            long id = StatementRows.insert(jdbc, minder.id(), departement, month, result,
                    clock.instant().atOffset(ZoneOffset.UTC));
            events.publishEvent(new StatementReady(id, minder.organisationId()));
            made++;
        }
        return made;
    }


    static List<LocalDate> dates(Array array) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        if (array != null) {
            for (Object day : (Object[]) array.getArray()) {
                days.add(day instanceof Date date ? date.toLocalDate() : (LocalDate) day);
            }
        }
        return days;
    }

    /** Runs the job on this instance, unless {@code passerelle.allowance.statements.enabled} is false. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "passerelle.allowance.statements", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class Schedule {

        @Bean
        Job allowanceStatementsJob(MonthlyStatements statements, ExclusiveJobs jobs) {
            return new Job(statements, jobs);
        }
    }

    /** The scheduled trigger: early on the month's first days (a run finding every statement made does nothing). */
    static final class Job {

        private final MonthlyStatements statements;
        private final ExclusiveJobs jobs;

        Job(MonthlyStatements statements, ExclusiveJobs jobs) {
            this.statements = statements;
            this.jobs = jobs;
        }

        @Scheduled(cron = "${passerelle.allowance.statements.cron:0 0 5 1-5 * *}",
                zone = "${passerelle.time-zone:Europe/Paris}")
        void run() {
            jobs.run(JOB, statements::computePastMonth);
        }
    }
}
