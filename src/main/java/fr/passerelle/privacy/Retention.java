package fr.passerelle.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.AuditedEntity;
import fr.passerelle.audit.Changes;
import fr.passerelle.system.CappedCounts;
import fr.passerelle.system.ExclusiveJobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention job: anonymises the referrals finished longer ago than {@code passerelle.retention.referrals-after},
 * warns the advisors of drafts never sent that are about to be deleted and deletes them once due, and purges the
 * access log past its period. Each batch is a transaction of its own whose rows are locked
 * ({@code for update skip locked}): two runs at once (two instances, should the job lock be bypassed) share the work
 * and never handle a referral twice. Every run is recorded in the audit trail with its counts.
 */
@Component
public class Retention {

    /** The job's name, in its lock and its metrics. */
    public static final String JOB = "retention";

    /** The audit trail's entity id of the runs: one series, read newest first. */
    static final long RUNS_ID = 0;

    /** The statuses after which nothing happens to a referral any more. */
    static final String FINISHED = "('CLOSED', 'INELIGIBLE', 'NO_SOLUTION', 'WITHDRAWN')";

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int PURGE_BATCH = 10_000;

    private final JdbcClient jdbc;
    private final Anonymiser anonymiser;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final RetentionProperties properties;
    private final Clock clock;

    Retention(JdbcClient jdbc, Anonymiser anonymiser, AuditTrail audit, ApplicationEventPublisher events,
            TransactionTemplate transaction, RetentionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.anonymiser = anonymiser;
        this.audit = audit;
        this.events = events;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs what is due now. */
    public RetentionRun run() {
        return runAt(clock.instant());
    }

    /** Runs what is due at {@code now}, batch after batch, and records the run in the audit trail. */
    public RetentionRun runAt(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        long anonymised = batches(() -> anonymiseBatch(at));
        long warned = batches(() -> warnBatch(at));
        long deleted = batches(() -> deleteDraftBatch(at));
        long purged = batches(() -> purgeAccessBatch(at));
        RetentionRun run = new RetentionRun(at, anonymised, warned, deleted, purged);
        transaction.executeWithoutResult(status -> audit.record(null, AuditedEntity.RETENTION_RUN.name(), RUNS_ID,
                "RETENTION_RUN", Changes.of().field("anonymised", null, anonymised)
                        .field("draftsWarned", null, warned).field("draftsDeleted", null, deleted)
                        .field("accessesPurged", null, purged)));
        log.info("Retention run: {} referral(s) anonymised, {} draft(s) warned, {} deleted, {} access(es) purged",
                anonymised, warned, deleted, purged);
        return run;
    }

    /** What a run at {@code now} would do (each figure capped, {@link CappedCounts}). */
    public RetentionRun preview(Instant now) {
        return jdbc.sql("select " + CappedCounts.of("select 1 from referral where anonymised_at is null and status in "
                        + FINISHED + " and last_transition_at < :anonymiseBefore") + ", "
                        + CappedCounts.of("select 1 from referral where status = 'DRAFT' and deletion_warned_at is null"
                        + " and created_at < :warnBefore") + ", "
                        + CappedCounts.of("select 1 from referral where status = 'DRAFT' and created_at < :deleteBefore"
                        + " and deletion_warned_at <= :warnedBefore") + ", "
                        + CappedCounts.of("select 1 from referral_access where accessed_at < :purgeBefore"))
                .param("anonymiseBefore", before(now, properties.referralsAfter()))
                .param("warnBefore", warnBefore(now))
                .param("deleteBefore", before(now, properties.draftsAfter()))
                .param("warnedBefore", before(now, properties.draftWarningBefore()))
                .param("purgeBefore", before(now, properties.accessLogAfter()))
                .query((rs, n) -> new RetentionRun(now, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    /** The last runs, newest first, from the audit trail. */
    public List<RetentionRun> lastRuns(int count) {
        return jdbc.sql("""
                        select occurred_at,
                               (select (x ->> 'after')::bigint from jsonb_array_elements(changes) x
                                where x ->> 'field' = 'anonymised') as anonymised,
                               (select (x ->> 'after')::bigint from jsonb_array_elements(changes) x
                                where x ->> 'field' = 'draftsWarned') as warned,
                               (select (x ->> 'after')::bigint from jsonb_array_elements(changes) x
                                where x ->> 'field' = 'draftsDeleted') as deleted,
                               (select (x ->> 'after')::bigint from jsonb_array_elements(changes) x
                                where x ->> 'field' = 'accessesPurged') as purged
                        from audit_entry
                        where entity_type = :type and entity_id = :id
                        order by occurred_at desc, id desc
                        limit :count""")
                .param("type", AuditedEntity.RETENTION_RUN.name()).param("id", RUNS_ID).param("count", count)
                .query((rs, n) -> new RetentionRun(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5)))
                .list();
    }

    private long batches(Supplier<Integer> batch) {
        long total = 0;
        for (int i = 0; i < properties.job().maxBatches(); i++) {
            Integer done = transaction.execute(status -> batch.get());
            if (done == null || done == 0) {
                break;
            }
            total += done;
        }
        return total;
    }

    private int anonymiseBatch(Instant now) {
        List<Long> ids = jdbc.sql("select id from referral where anonymised_at is null and status in " + FINISHED + """
                         and last_transition_at < ?
                        order by last_transition_at, id
                        limit ?
                        for update skip locked""")
                .param(before(now, properties.referralsAfter())).param(properties.job().batchSize())
                .query(Long.class).list();
        return anonymiser.anonymise(ids, now);
    }

    private int warnBatch(Instant now) {
        record Due(long id, OffsetDateTime createdAt) {
        }
        List<Due> due = jdbc.sql("""
                        select id, created_at from referral
                        where status = 'DRAFT' and deletion_warned_at is null and created_at < ?
                        order by created_at, id
                        limit ?
                        for update skip locked""")
                .param(warnBefore(now)).param(properties.job().batchSize())
                .query((rs, n) -> new Due(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).list();
        if (due.isEmpty()) {
            return 0;
        }
        jdbc.sql("update referral set deletion_warned_at = ? where id = any(?)")
                .param(now.atOffset(ZoneOffset.UTC)).param(due.stream().map(Due::id).toArray(Long[]::new)).update();
        LocalDate earliest = now.atZone(clock.getZone()).plus(properties.draftWarningBefore()).toLocalDate();
        for (Due draft : due) {
            LocalDate deletion = draft.createdAt().atZoneSameInstant(clock.getZone()).plus(properties.draftsAfter())
                    .toLocalDate();
            events.publishEvent(new DraftDeletionDue(draft.id(), deletion.isBefore(earliest) ? earliest : deletion));
        }
        return due.size();
    }

    private int deleteDraftBatch(Instant now) {
        List<Long> ids = jdbc.sql("""
                        select id from referral
                        where status = 'DRAFT' and created_at < ? and deletion_warned_at <= ?
                        order by created_at, id
                        limit ?
                        for update skip locked""")
                .param(before(now, properties.draftsAfter())).param(before(now, properties.draftWarningBefore()))
                .param(properties.job().batchSize())
                .query(Long.class).list();
        if (ids.isEmpty()) {
            return 0;
        }
        Long[] array = ids.toArray(Long[]::new);
        anonymiser.allowAnonymisation();
        jdbc.sql("delete from statistics_event where referral_id = any(?)").param(array).update();
        jdbc.sql("delete from referral_transition where referral_id = any(?)").param(array).update();
        return jdbc.sql("delete from referral where id = any(?) and status = 'DRAFT'").param(array).update();
    }

    private int purgeAccessBatch(Instant now) {
        anonymiser.allowAnonymisation();
        return jdbc.sql("""
                        delete from referral_access where id in (
                            select id from referral_access where accessed_at < ? limit ?)""")
                .param(before(now, properties.accessLogAfter())).param(PURGE_BATCH).update();
    }

    private OffsetDateTime warnBefore(Instant now) {
        return now.atZone(clock.getZone()).minus(properties.draftsAfter()).plus(properties.draftWarningBefore())
                .toOffsetDateTime();
    }

    private OffsetDateTime before(Instant now, Period period) {
        return now.atZone(clock.getZone()).minus(period).toOffsetDateTime();
    }

    /** Runs the job on this instance, unless {@code passerelle.retention.job.enabled} is false. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "passerelle.retention.job", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class Schedule {

        @Bean
        Job retentionJob(Retention retention, ExclusiveJobs jobs) {
            return new Job(retention, jobs);
        }
    }

    /** The scheduled trigger. */
    static final class Job {

        private final Retention retention;
        private final ExclusiveJobs jobs;

        Job(Retention retention, ExclusiveJobs jobs) {
            this.retention = retention;
            this.jobs = jobs;
        }

        @Scheduled(cron = "${passerelle.retention.job.cron:0 15 2 * * *}", zone = "${passerelle.time-zone:Europe/Paris}")
        void run() {
            jobs.run(JOB, retention::run);
        }
    }
}
