package fr.passerelle.followup;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of the follow-ups and of the childcare aid on the statistics page (followup/statistics.html), for the
 * same audiences as the page's other figures: a Caf's people see the families of its département, an advisor their
 * organisation's referrals, nobody else anything. A count under {@code passerelle.statistics.min-families} is masked
 * (shown "&lt; 5"), its share with it. The counts are bounded by the period and the scope (served by
 * referral_started_activity_idx and the follow-ups' unique key, and by referral_childcare_aid_idx).
 */
@Service("followUpStatistics")
public class FollowUpStatistics {

    private final JdbcClient jdbc;
    private final ChildcareAidProperties childcareAid;
    private final Clock clock;
    private final int threshold;

    FollowUpStatistics(JdbcClient jdbc, ChildcareAidProperties childcareAid, Clock clock,
            @Value("${passerelle.statistics.min-families:5}") int threshold) {
        this.jdbc = jdbc;
        this.childcareAid = childcareAid;
        this.clock = clock;
        this.threshold = threshold;
    }

    /** A count, {@code null} when masked, and its share of the line's total in percent ({@code null} when masked). */
    public record Count(Long value, Long percent) {

        public boolean masked() {
            return value == null;
        }
    }

    /** Retention at one milestone: the follow-ups due, and how many continue, ended early, unknown, not answered. */
    public record Retention(Milestone milestone, Count due, Count continuing, Count endedEarly, Count unknown,
            Count notAnswered) {
    }

    /** The childcare aid: families who may qualify, requests, and the reasons of no request. */
    public record Aid(Count eligible, Count requested, Map<NotRequestedReason, Count> notRequested) {
    }

    /** All the figures of the fragment. */
    public record Figures(List<Retention> retention, Aid aid, int threshold) {
    }

    /** The figures of the period {@code [from, to]} for the user; {@code null} for a user who sees no statistics. */
    @Transactional(readOnly = true)
    public Figures figures(CurrentUser user, LocalDate from, LocalDate to) {
        if (user == null || from == null || to == null) {
            return null;
        }
        String condition;
        Object scope;
        if (user.getRole() == Role.CAF_OFFICER || user.getRole() == Role.ADMIN) {
            condition = "r.departement_code = :scope";
            scope = user.getDepartementCode();
        }
        else if (user.getRole() == Role.ADVISOR) {
            condition = "r.organisation_id = :scope";
            scope = user.getOrganisationId();
        }
        else {
            return null;
        }
        String zone = clock.getZone().getId();
        List<Retention> retention = new ArrayList<>();
        Map<String, Long> aid = new TreeMap<>();
        // One statement for both (the statistics page counts its statements): the retention lines (kind 0, one per
        // milestone), then the childcare aid's (kind 1, one per record's state). A family may qualify for the aid
        // when care was arranged for a job or a training, a child under the aid's age limit on the first day (an
        // anonymised child has only an age in months).
        jdbc.sql("""
                        select 0, f.milestone, count(*),
                               count(*) filter (where f.answer = 'CONTINUING'),
                               count(*) filter (where f.answer = 'ENDED_EARLY'),
                               count(*) filter (where f.answer = 'UNKNOWN'),
                               count(*) filter (where f.answer is null)
                        from referral r join outcome_follow_up f on f.referral_id = r.id
                        where r.status = 'CLOSED' and r.outcome in ('JOB_STARTED', 'TRAINING_STARTED')
                          and r.closed_at >= (cast(cast(:from as date) as timestamp) at time zone :zone)
                          and r.closed_at < (cast(cast(:to as date) + 1 as timestamp) at time zone :zone)
                          and f.due_on <= :today and %1$s
                        group by f.milestone
                        union all
                        select 1, coalesce(case when a.requested then 'REQUESTED' else a.reason end, 'NONE'), count(*),
                               0, 0, 0, 0
                        from referral r left join childcare_aid_record a on a.referral_id = r.id
                        where r.status in ('CARE_ARRANGED', 'CLOSED') and r.purpose in ('JOB', 'TRAINING')
                          and r.first_day between :from and :to and %1$s
                          and exists (select 1 from referral_child c where c.referral_id = r.id
                                      and (c.birth_date > r.first_day - make_interval(years => :limit)
                                           or c.birth_date is null and c.age_months < :limit * 12))
                        group by 2
                        order by 1, 2""".formatted(condition))
                .param("from", Date.valueOf(from)).param("to", Date.valueOf(to)).param("zone", zone)
                .param("today", Date.valueOf(LocalDate.now(clock))).param("scope", scope)
                .param("limit", childcareAid.childAgeLimit())
                .query((rs, n) -> {
                    long total = rs.getLong(3);
                    if (rs.getInt(1) == 1) {
                        aid.put(rs.getString(2), total);
                    }
                    else {
                        retention.add(new Retention(Milestone.valueOf(rs.getString(2)), count(total, total),
                                count(rs.getLong(4), total), count(rs.getLong(5), total),
                                count(rs.getLong(6), total), count(rs.getLong(7), total)));
                    }
                    return null;
                }).list();
        long eligible = aid.values().stream().mapToLong(Long::longValue).sum();
        Map<NotRequestedReason, Count> notRequested = new TreeMap<>();
        for (NotRequestedReason reason : NotRequestedReason.values()) {
            notRequested.put(reason, count(aid.getOrDefault(reason.name(), 0L), eligible));
        }
        return new Figures(retention, new Aid(count(eligible, eligible),
                count(aid.getOrDefault("REQUESTED", 0L), eligible), notRequested), threshold);
    }

    private Count count(long value, long total) {
        if (value < threshold || total < threshold) {
            return new Count(null, null);
        }
        return new Count(value, Math.round(100.0 * value / total));
    }
}
