package fr.passerelle.relais;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import fr.passerelle.system.ExclusiveJobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the facilitators of a childminder's relais that her AVIP label lapses soon ({@link LabelLapsingSoon}), once
 * per label: the label is marked told ({@code label_lapse_notice}) in the transaction that publishes the event, so
 * the notifications and the mark commit together. The label must be her current one, neither revoked nor suspended,
 * and her commune covered by a relais. Safe with several instances: rows locked (skip locked), runs through
 * {@link ExclusiveJobs}.
 */
@Component
class LabelLapseNotices {

    static final String JOB = "label-lapse-notices";

    private static final Logger log = LoggerFactory.getLogger(LabelLapseNotices.class);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int daysBefore;
    private final int batchSize;

    LabelLapseNotices(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock,
            @Value("${passerelle.relais.lapse-notice.days-before:60}") int daysBefore,
            @Value("${passerelle.relais.lapse-notice.batch-size:200}") int batchSize) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.daysBefore = daysBefore;
        this.batchSize = batchSize;
    }

    /** Tells what is due today. */
    @Transactional
    int notifyDue() {
        return notifyDueOn(LocalDate.now(clock));
    }

    /**
     * Publishes one event per label lapsing from {@code today} to {@code today} plus the notice period (60 days by
     * default), not told before; at most the batch size, the next run takes the rest.
     *
     * @return how many labels were told
     */
    @Transactional
    int notifyDueOn(LocalDate today) {
        // Served by avip_label_valid_to_idx, then relais_commune_commune_idx.
        List<Object[]> due = jdbc.sql("""
                        select l.id, l.childminder_id, l.valid_to,
                               array(select rc.relais_organisation_id from relais_commune rc
                                     join organisation o on o.id = rc.relais_organisation_id
                                     where rc.commune_code = c.commune_code and o.active
                                     order by rc.relais_organisation_id)
                        from avip_label l
                        join childminder c on c.id = l.childminder_id
                        where l.valid_to between :today and :until
                          and l.revoked_at is null and l.suspended_since is null and c.active
                          and not exists (select 1 from avip_label newer
                                          where newer.childminder_id = l.childminder_id and newer.id > l.id)
                          and not exists (select 1 from label_lapse_notice n where n.label_id = l.id)
                          and exists (select 1 from relais_commune rc where rc.commune_code = c.commune_code)
                        order by l.valid_to, l.id
                        limit :batch
                        for update of l skip locked""")
                .param("today", Date.valueOf(today))
                .param("until", Date.valueOf(today.plusDays(daysBefore)))
                .param("batch", batchSize)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(),
                        Arrays.asList((Long[]) rs.getArray(4).getArray())})
                .list();
        for (Object[] label : due) {
            int marked = jdbc.sql("""
                            insert into label_lapse_notice (label_id, notified_at) values (?, ?)
                            on conflict do nothing""")
                    .params(label[0], clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                    .update();
            if (marked == 1) {
                @SuppressWarnings("unchecked")
                List<Long> relais = (List<Long>) label[3];
                events.publishEvent(new LabelLapsingSoon((Long) label[1], (Long) label[0], relais,
                        (LocalDate) label[2]));
            }
        }
        if (!due.isEmpty()) {
            log.info("{} label lapse notice(s)", due.size());
        }
        return due.size();
    }

    /** Runs the job on this instance, unless {@code passerelle.relais.lapse-notice.enabled} is false. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "passerelle.relais.lapse-notice", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class Schedule {

        @Bean
        Job labelLapseNoticeJob(LabelLapseNotices notices, ExclusiveJobs jobs) {
            return new Job(notices, jobs);
        }
    }

    /** The scheduled trigger, once a day. */
    static final class Job {

        private final LabelLapseNotices notices;
        private final ExclusiveJobs jobs;

        Job(LabelLapseNotices notices, ExclusiveJobs jobs) {
            this.notices = notices;
            this.jobs = jobs;
        }

        @Scheduled(cron = "${passerelle.relais.lapse-notice.cron:0 0 7 * * *}",
                zone = "${passerelle.time-zone:Europe/Paris}")
        void run() {
            jobs.run(JOB, notices::notifyDue);
        }
    }
}
