package fr.passerelle.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.statistics.Period;
import fr.passerelle.statistics.StatTable;
import fr.passerelle.statistics.StatisticsFilter;
import fr.passerelle.statistics.StatisticsFixtures;
import fr.passerelle.statistics.StatisticsRefresh;
import fr.passerelle.statistics.StatisticsScope;
import fr.passerelle.statistics.StatisticsService;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import fr.passerelle.system.ExclusiveJobs;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * The retention job on referrals written at chosen moments long ago (each test its own years, so that they never see
 * each other's referrals, nor those of other tests, which are recent or of 2019): what anonymisation erases, column by
 * column; that the statistics stay identical; that two runs at once handle each referral once; drafts warned then
 * deleted; the access log purged; the append-only tables' one path.
 */
@IntegrationTest
class RetentionTest {

    static final String LOZERE = "48";
    static final String MENDE = "48095";
    /** What every fixture family's data contains somewhere: none of it may survive anonymisation. */
    static final List<String> SECRETS = List.of("%secret%", "%enfant%", "%612345678%", "%7654321%");

    @Autowired
    Retention retention;

    @Autowired
    ExclusiveJobs jobs;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StatisticsRefresh refresh;

    @Autowired
    StatisticsService statistics;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    java.time.Clock clock;

    record Territory(Organisation agency, Account advisor, Account officer, Account provider, Organisation homeCare,
            Organisation childminder, Account childminderUser) {
    }

    Territory territory() {
        Organisation caf = accounts.organisation(OrganisationKind.CAF, LOZERE, MENDE);
        Organisation agency = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY, LOZERE, MENDE);
        Organisation homeCare = accounts.organisation(OrganisationKind.HOME_CARE_SERVICE, LOZERE, MENDE);
        Organisation childminder = accounts.organisation(OrganisationKind.CHILDMINDER, LOZERE, MENDE);
        return new Territory(agency, accounts.create(Role.ADVISOR, agency), accounts.create(Role.CAF_OFFICER, caf),
                accounts.create(Role.PROVIDER, homeCare), homeCare, childminder,
                accounts.create(Role.PROVIDER, childminder));
    }

    Instant at(int year, int month, int day) {
        return LocalDate.of(year, month, day).atTime(9, 0).atZone(zone()).toInstant();
    }

    ZoneId zone() {
        return clock.getZone();
    }

    /**
     * Finished referrals of spring {@code year} (closed, one with an outcome OTHER; ineligible; no solution after a
     * decline OTHER; a withdrawn draft) carrying personal data in every free field, and one still waiting.
     *
     * @return the finished referrals' ids, then the waiting one last
     */
    List<Long> finishedReferrals(Territory t, int year) {
        StatisticsFixtures f = new StatisticsFixtures(jdbc, zone());
        long a = t.advisor().user().getId();
        long o = t.officer().user().getId();
        List<Long> ids = new ArrayList<>();
        Instant base = at(year, 3, 1);
        String[] outcomes = {"JOB_STARTED", "TRAINING_STARTED", "DID_NOT_ATTEND", "INTERVIEW_ATTENDED"};
        for (int i = 0; i < outcomes.length; i++) {
            Instant sent = base.plus(Duration.ofDays(i + 1));
            long id = f.draft(t.agency().getId(), a, MENDE, LOZERE, "EMERGENCY_HOME_CARE", "JOB_INTERVIEW", sent);
            f.sent(id, a, sent);
            f.eligible(id, o, sent.plus(Duration.ofHours(i + 1)));
            Instant offered = sent.plus(Duration.ofHours(i + 3));
            f.offer(id, "HOME_CARE", t.homeCare().getId(), t.provider().user().getId(), o, offered, "ACCEPTED",
                    Duration.ofHours(i + 1), null);
            f.closed(id, a, offered.plus(Duration.ofDays(3)), outcomes[i]);
            ids.add(id);
        }
        for (int j = 0; j < 2; j++) {
            Instant sent = base.plus(Duration.ofDays(j + 1)).plus(Duration.ofMinutes(30));
            long id = f.draft(t.agency().getId(), a, MENDE, LOZERE, "OCCASIONAL", "TRAINING", sent);
            f.sent(id, a, sent);
            f.ineligible(id, o, sent.plus(Duration.ofHours(10)), j == 0 ? "CHILD_TOO_OLD" : "NOT_A_JOB_SEEKER");
            ids.add(id);
        }
        for (int k = 0; k < 2; k++) {
            Instant sent = base.plus(Duration.ofDays(k + 1)).plus(Duration.ofMinutes(45));
            long id = f.draft(t.agency().getId(), a, MENDE, LOZERE, "REGULAR", "JOB", sent);
            f.sent(id, a, sent);
            f.eligible(id, o, sent.plus(Duration.ofHours(24)));
            long offer = f.offer(id, "CHILDMINDER", t.childminder().getId(), t.childminderUser().user().getId(), o,
                    sent.plus(Duration.ofHours(27)), "DECLINED", Duration.ofHours(5), "NO_CAPACITY");
            jdbc.sql("update offer set decline_reason = 'OTHER', decline_comment = 'Secret refus' where id = ?")
                    .param(offer).update();
            f.noSolution(id, o, sent.plus(Duration.ofHours(80)), "NO_CAPACITY");
            ids.add(id);
        }
        long draft = f.draft(t.agency().getId(), a, MENDE, LOZERE, "OCCASIONAL", "JOB", base);
        f.withdrawnDraft(draft, a, base.plus(Duration.ofHours(1)));
        ids.add(draft);
        // Every other field that holds personal data, filled in.
        jdbc.sql("""
                        update referral set caf_number = '7654321', email = 'secret@example.org',
                            purpose_organisation = 'Secret employeur', purpose_date = first_day
                        where id = any(?)""").param(ids.toArray(Long[]::new)).update();
        jdbc.sql("""
                        update referral set outcome = 'OTHER', outcome_comment = 'Secret issue' where id = ?""")
                .param(ids.get(outcomes.length - 1)).update();
        jdbc.sql("""
                        update referral set no_solution_reason = 'OTHER', no_solution_comment = 'Secret sans solution'
                        where id = any(?) and status = 'NO_SOLUTION'""").param(ids.toArray(Long[]::new)).update();
        jdbc.sql("update offer set message = 'Secret message' where referral_id = any(?)")
                .param(ids.toArray(Long[]::new)).update();
        jdbc.sql("""
                        insert into referral_transition (referral_id, from_status, to_status, actor_id, occurred_at,
                                                         comment)
                        select id, status, status, ?, last_transition_at, 'Secret commentaire' from referral
                        where id = any(?)""")
                .param(a).param(ids.toArray(Long[]::new)).update();
        jdbc.sql("""
                        insert into eligibility_decision (referral_id, decided_by, decided_at, outcome, comment,
                            justification, rule_results, parameters)
                        select id, ?, last_transition_at, 'INFORMATION_REQUESTED', 'Secret question', 'Secret pourquoi',
                               '[{"rule": "REGISTERED_JOB_SEEKER", "outcome": "FAILED",
                                  "messageKey": "eligibility.rule.REGISTERED_JOB_SEEKER.failed.invalid",
                                  "messageArguments": ["Secret 7654321"]}]', '{}'
                        from referral where id = any(?)""")
                .param(o).param(ids.toArray(Long[]::new)).update();
        Instant waitingSent = base.plus(Duration.ofDays(10));
        long waiting = f.draft(t.agency().getId(), a, MENDE, LOZERE, "OCCASIONAL", "JOB", waitingSent);
        f.sent(waiting, a, waitingSent);
        ids.add(waiting);
        return ids;
    }

    Map<String, StatTable> figures(Territory t, int year) {
        StatisticsFilter filter = new StatisticsFilter();
        filter.setPeriod(StatisticsFilter.PeriodChoice.CUSTOM);
        filter.setFrom(LocalDate.of(year, 1, 1));
        filter.setTo(LocalDate.of(year, 12, 31));
        filter.setTrend(Period.Trend.MONTH);
        Period period = filter.resolve(LocalDate.now(clock), new BeanPropertyBindingResult(filter, "filter"));
        return statistics.statistics(StatisticsScope.of(accounts.signedIn(t.officer())), filter, period,
                Locale.FRENCH).tables();
    }

    List<String> events(List<Long> ids) {
        return jdbc.sql("""
                        select e::text from statistics_event e where referral_id = any(?)
                        order by referral_id, kind, offer_id nulls first, occurred_on""")
                .param(ids.toArray(Long[]::new)).query(String.class).list();
    }

    @Test
    void anonymisationErasesEveryPersonalFieldAndKeepsTheStatisticsIdentical() {
        Territory t = territory();
        List<Long> all = finishedReferrals(t, 2010);
        List<Long> finished = all.subList(0, all.size() - 1);
        long waiting = all.get(all.size() - 1);
        refresh.refreshAll();
        List<String> eventsBefore = events(all);
        Map<String, StatTable> figuresBefore = figures(t, 2010);
        assertThat(eventsBefore).isNotEmpty();

        RetentionRun run = retention.runAt(at(2012, 9, 1));

        assertThat(run.anonymised()).isGreaterThanOrEqualTo(finished.size());
        Long[] ids = finished.toArray(Long[]::new);
        // Every column of every table holding a family's data: no trace of it left.
        for (String table : List.of("referral", "referral_child", "referral_transition", "eligibility_decision",
                "offer")) {
            String idColumn = table.equals("referral") ? "id" : "referral_id";
            List<String> columns = jdbc.sql("""
                            select column_name from information_schema.columns
                            where table_schema = current_schema() and table_name = ?""")
                    .param(table).query(String.class).list();
            for (String column : columns) {
                long found = jdbc.sql("select count(*) from " + table + " where " + idColumn + " = any(?) and lower("
                                + column + "::text) like any(?)")
                        .param(ids).param(SECRETS.toArray(String[]::new)).query(Long.class).single();
                assertThat(found).as(table + "." + column).isZero();
            }
        }
        assertThat(jdbc.sql("""
                        select count(*) from referral where id = any(?) and (parent_last_name is not null
                            or parent_first_name is not null or parent_search_name <> '' or france_travail_id is not null
                            or caf_number is not null or phone is not null or email is not null
                            or purpose_organisation is not null or outcome_comment is not null
                            or no_solution_comment is not null or anonymised_at is null or family_key is null
                            or extract(day from purpose_date) <> 1 or extract(day from consent_given_on) <> 1)""")
                .param(ids).query(Long.class).single()).isZero();
        // The children: no first name nor birth date, an age in months at the time of the referral (born 30 months
        // before it was filed, the fixtures say).
        assertThat(jdbc.sql("""
                        select distinct coalesce(first_name, '') || '/' || coalesce(birth_date::text, '') || '/' || age_months
                        from referral_child where referral_id = any(?)""")
                .param(ids).query(String.class).list()).containsExactly("//30");
        assertThat(jdbc.sql("select count(*) from referral_transition where referral_id = any(?) and comment is not null")
                .param(ids).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from eligibility_decision
                        where referral_id = any(?) and (comment is not null or justification is not null
                            or rule_results::text like '%Secret%')""")
                .param(ids).query(Long.class).single()).isZero();
        // The referral still waiting keeps everything.
        assertThat(jdbc.sql("select parent_last_name from referral where id = ?").param(waiting)
                .query(String.class).single()).isEqualTo("Secret-Nom");

        refresh.refreshAll();
        assertThat(events(all)).isEqualTo(eventsBefore);
        assertThat(figures(t, 2010)).isEqualTo(figuresBefore);

        // The run is in the audit trail with its count; a second run finds nothing more to do.
        assertThat(retention.lastRuns(1)).first().extracting(RetentionRun::anonymised).isEqualTo(run.anonymised());
        assertThat(retention.runAt(at(2012, 9, 1)).anonymised()).isZero();
    }

    @Test
    void twoInstancesRunningTheJobAtOnceAnonymiseEachReferralOnce() throws Exception {
        Territory t = territory();
        List<Long> all = finishedReferrals(t, 2007);
        List<Long> finished = all.subList(0, all.size() - 1);
        Instant now = at(2009, 9, 1);
        List<RetentionRun> runs = Collections.synchronizedList(new ArrayList<>());
        List<ExclusiveJobs.Result> results = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            // Two instances through the job lock, and two that bypass it: the row locks alone keep it exact.
            for (int i = 0; i < 2; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    results.add(jobs.run(Retention.JOB, () -> runs.add(retention.runAt(now))));
                    return null;
                }));
                done.add(pool.submit(() -> {
                    start.await();
                    runs.add(retention.runAt(now));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(results).doesNotContain(ExclusiveJobs.Result.FAILED);
        assertThat(runs.stream().mapToLong(RetentionRun::anonymised).sum()).isEqualTo(finished.size());
        assertThat(jdbc.sql("select count(*) from referral where id = any(?) and anonymised_at is not null")
                .param(finished.toArray(Long[]::new)).query(Long.class).single()).isEqualTo(finished.size());
    }

    @Test
    void aDraftNeverSentIsDeletedAfterItsAdvisorWasWarned() {
        Territory t = territory();
        StatisticsFixtures f = new StatisticsFixtures(jdbc, zone());
        long draft = f.draft(t.agency().getId(), t.advisor().user().getId(), MENDE, LOZERE, "OCCASIONAL", "JOB",
                at(2005, 1, 1));

        // 76 days on (90 − 14): warned, not deleted.
        RetentionRun warning = retention.runAt(at(2005, 3, 25));
        assertThat(warning.draftsWarned()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("""
                        select count(*) from notification
                        where recipient_id = ? and kind = 'DRAFT_DELETION_WARNING' and link = ?""")
                .param(t.advisor().user().getId()).param("/advisor/referrals/" + draft)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from outbound_email where recipient_user_id = ? and kind = ?")
                .param(t.advisor().user().getId()).param("DRAFT_DELETION_WARNING").query(Long.class).single())
                .isEqualTo(1);
        // 95 days old, but warned only 11 days ago: kept a little longer.
        retention.runAt(at(2005, 4, 5));
        assertThat(exists(draft)).isTrue();

        retention.runAt(at(2005, 4, 10));
        assertThat(exists(draft)).isFalse();
        assertThat(jdbc.sql("select count(*) from referral_transition where referral_id = ?").param(draft)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from referral_child where referral_id = ?").param(draft)
                .query(Long.class).single()).isZero();
    }

    @Test
    void accessesArePurgedAfterTheirRetentionPeriod() {
        Territory t = territory();
        long old = insertAccess(t, at(2003, 1, 1));
        long recent = insertAccess(t, at(2003, 11, 1));
        RetentionRun run = retention.runAt(at(2004, 3, 1));
        assertThat(run.accessesPurged()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select id from referral_access where id = any(?)").param(new Long[] {old, recent})
                .query(Long.class).list()).containsExactly(recent);
    }

    @Test
    void theAppendOnlyTablesOpenOnlyToAnonymisationAndOnlyForFreeText() {
        Territory t = territory();
        long id = finishedReferrals(t, 2001).get(0);
        long access = insertAccess(t, at(2001, 1, 1));
        assertThatThrownBy(() -> jdbc.sql("update referral_transition set comment = null where referral_id = ?")
                .param(id).update()).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("delete from referral_access where id = ?").param(access).update())
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.sql("select set_config('passerelle.anonymise', 'on', true)").query(String.class).single();
            jdbc.sql("update referral_transition set to_status = 'CLOSED', comment = null where referral_id = ?")
                    .param(id).update();
        })).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.sql("select set_config('passerelle.anonymise', 'on', true)").query(String.class).single();
            jdbc.sql("delete from referral_transition where referral_id = ?").param(id).update();
        })).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.sql("select set_config('passerelle.anonymise', 'on', true)").query(String.class).single();
            jdbc.sql("update eligibility_decision set outcome = 'ELIGIBLE', comment = null where referral_id = ?")
                    .param(id).update();
        })).isInstanceOf(DataAccessException.class);
        // The setting ends with its transaction.
        transaction.executeWithoutResult(status -> jdbc.sql("select set_config('passerelle.anonymise', 'on', true)")
                .query(String.class).single());
        assertThatThrownBy(() -> jdbc.sql("update referral_transition set comment = null where referral_id = ?")
                .param(id).update()).isInstanceOf(DataAccessException.class);
    }

    private long insertAccess(Territory t, Instant at) {
        return jdbc.sql("""
                        insert into referral_access (referral_id, viewer_id, accessed_at, page)
                        values (-1, ?, ?, 'ADVISOR_DETAIL') returning id""")
                .param(t.advisor().user().getId()).param(Timestamp.from(at)).query(Long.class).single();
    }

    private boolean exists(long referralId) {
        return jdbc.sql("select exists (select 1 from referral where id = ?)").param(referralId)
                .query(Boolean.class).single();
    }
}
