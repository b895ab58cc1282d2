package fr.passerelle.followup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.system.ExclusiveJobs;
import fr.passerelle.system.StaleDataException;

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
 * The follow-ups of outcomes: created by the job when due (each once: the unique key on referral and milestone, and
 * {@code on conflict do nothing}, so two instances running at once create and notify it once), listed on the
 * referral's page and the advisor's home, answered once by an advisor of the referral's organisation.
 */
@Service
public class FollowUps {

    static final String JOB = "outcome-follow-up";

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);

    private final JdbcClient jdbc;
    private final FollowUpProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FollowUps(JdbcClient jdbc, FollowUpProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** One follow-up as the advisor's page shows it. */
    public record FollowUp(long id, long referralId, Milestone milestone, LocalDate dueOn, FollowUpAnswer answer,
            EndReason endReason, String comment, Instant answeredAt, String answeredBy, long version) {

        public boolean isAnswered() {
            return answer != null;
        }
    }

    /** Creates the follow-ups due now. */
    @Transactional
    public int createDue() {
        return createDueAt(clock.instant());
    }

    /**
     * Creates the follow-ups due at {@code now} (at most the batch size per milestone) and publishes
     * {@link FollowUpDue} for each one created by this call.
     *
     * @return how many were created
     */
    @Transactional
    public int createDueAt(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        int created = 0;
        for (Milestone milestone : Milestone.values()) {
            // Served by referral_started_activity_idx; the anti-join by outcome_follow_up_once.
            record Created(long id, long referralId) {
            }
            List<Created> rows = jdbc.sql("""
                            insert into outcome_follow_up (referral_id, organisation_id, milestone, due_on, created_at)
                            select r.id, r.organisation_id, :milestone,
                                   ((r.closed_at at time zone :zone) + cast(:period as interval))::date, :now
                            from referral r
                            where r.status = 'CLOSED' and r.outcome in ('JOB_STARTED', 'TRAINING_STARTED')
                              and r.anonymised_at is null
                              and r.closed_at + cast(:period as interval) <= :now
                              and not exists (select 1 from outcome_follow_up f
                                              where f.referral_id = r.id and f.milestone = :milestone)
                            order by r.closed_at, r.id
                            limit :batch
                            on conflict on constraint outcome_follow_up_once do nothing
                            returning id, referral_id""")
                    .param("milestone", milestone.name())
                    .param("zone", clock.getZone().getId())
                    .param("period", properties.of(milestone).toString())
                    .param("now", at.atOffset(ZoneOffset.UTC))
                    .param("batch", properties.batchSize())
                    .query((rs, n) -> new Created(rs.getLong(1), rs.getLong(2))).list();
            rows.forEach(row -> events.publishEvent(new FollowUpDue(row.id(), row.referralId(), milestone)));
            created += rows.size();
        }
        if (created > 0) {
            log.info("{} outcome follow-up(s) created", created);
        }
        return created;
    }

    /** The follow-ups of a referral the advisor's organisation owns (checked by the caller), oldest first. */
    @Transactional(readOnly = true)
    public List<FollowUp> forReferral(CurrentUser advisor, long referralId) {
        return jdbc.sql("""
                        select f.id, f.referral_id, f.milestone, f.due_on, f.answer, f.end_reason, f.comment,
                               f.answered_at, u.display_name, f.version
                        from outcome_follow_up f left join user_account u on u.id = f.answered_by
                        where f.referral_id = ? and f.organisation_id = ?
                        order by f.due_on, f.id""")
                .params(referralId, advisor.getOrganisationId())
                .query((rs, n) -> new FollowUp(rs.getLong(1), rs.getLong(2), Milestone.valueOf(rs.getString(3)),
                        rs.getObject(4, LocalDate.class), enumOf(FollowUpAnswer.class, rs.getString(5)),
                        enumOf(EndReason.class, rs.getString(6)), rs.getString(7),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(), rs.getString(9),
                        rs.getLong(10)))
                .list();
    }

    /** One line of the advisor's home: a follow-up still to answer. */
    public record Pending(long id, long referralId, Milestone milestone, LocalDate dueOn) {
    }

    /** The follow-ups of the advisor's organisation still to answer, oldest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Pending> pending(CurrentUser advisor, int limit) {
        // Served by outcome_follow_up_pending_idx.
        return jdbc.sql("""
                        select id, referral_id, milestone, due_on from outcome_follow_up
                        where organisation_id = ? and answer is null
                        order by due_on, id limit ?""")
                .params(advisor.getOrganisationId(), limit)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), Milestone.valueOf(rs.getString(3)),
                        rs.getObject(4, LocalDate.class)))
                .list();
    }

    /** What became of an answer. */
    public enum Answered { RECORDED, ALREADY_ANSWERED }

    /**
     * Records the advisor's answer, once. A second submission of an answered follow-up changes nothing
     * ({@link Answered#ALREADY_ANSWERED}); a stale version of a follow-up still open is refused.
     *
     * @throws fr.passerelle.system.NotFoundException when the follow-up is not of this referral of the advisor's
     *         organisation
     */
    @Transactional
    public Answered answer(CurrentUser advisor, long referralId, long followUpId, long version, FollowUpAnswer answer,
            EndReason reason, String comment) {
        Optional<Boolean> answered = jdbc.sql("""
                        select answer is not null from outcome_follow_up
                        where id = ? and referral_id = ? and organisation_id = ? for update""")
                .params(followUpId, referralId, advisor.getOrganisationId()).query(Boolean.class).optional();
        if (answered.isEmpty()) {
            throw new fr.passerelle.system.NotFoundException();
        }
        if (answered.get()) {
            return Answered.ALREADY_ANSWERED;
        }
        int updated = jdbc.sql("""
                        update outcome_follow_up
                        set answer = ?, end_reason = ?, comment = ?, answered_at = ?, answered_by = ?,
                            version = version + 1
                        where id = ? and version = ? and answer is null""")
                .params(answer.name(), answer == FollowUpAnswer.ENDED_EARLY ? reason.name() : null,
                        comment == null || comment.isBlank() ? null : comment.strip(),
                        Timestamp.from(clock.instant()), advisor.getUserId(), followUpId, version)
                .update();
        if (updated == 0) {
            throw new StaleDataException();
        }
        return Answered.RECORDED;
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** Runs the job on this instance, unless {@code passerelle.follow-up.job.enabled} is false. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "passerelle.follow-up.job", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class Schedule {

        @Bean
        Job outcomeFollowUpJob(FollowUps followUps, ExclusiveJobs jobs) {
            return new Job(followUps, jobs);
        }
    }

    /** The scheduled trigger. */
    static final class Job {

        private final FollowUps followUps;
        private final ExclusiveJobs jobs;

        Job(FollowUps followUps, ExclusiveJobs jobs) {
            this.followUps = followUps;
            this.jobs = jobs;
        }

        @Scheduled(fixedDelayString = "${passerelle.follow-up.job.fixed-delay:PT1H}",
                initialDelayString = "${passerelle.follow-up.job.fixed-delay:PT1H}")
        void run() {
            jobs.run(JOB, followUps::createDue);
        }
    }
}
