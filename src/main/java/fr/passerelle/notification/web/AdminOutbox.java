package fr.passerelle.notification.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import fr.passerelle.system.CappedCounts;
import fr.passerelle.system.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrators' view of the email outbox: its rows by status a page at a time (keyset on
 * {@code outbound_email_status_idx}), the counts of what is not sent, and retrying failed emails. It never reads the
 * bodies nor the subject: they carry personal data an administrator has no need to see.
 */
@NamedInterface("outbox")
@Service
public class AdminOutbox {

    static final int PAGE_SIZE = 20;

    /** Home page and tab counts stop here ("1 000+"), so that a clogged outbox costs a bounded scan. */
    static final int COUNT_CAP = 1000;

    /** Errors are shown cut to this many characters. */
    static final int ERROR_LENGTH = 160;

    /** What is not sent: waiting, and failed for good. */
    public record UnsentCounts(CappedCount pending, CappedCount failed) {
    }

    /**
     * One email as listed, without its subject or bodies.
     *
     * @param statusAt when it is next tried (pending), was sent, or failed, by status
     * @param lastError the last sending error, cut to {@link #ERROR_LENGTH} characters with "…"
     */
    record Row(long id, Instant createdAt, String kind, String toAddress, int attempts, Instant statusAt,
            String lastError) {
    }

    /**
     * A page of one tab.
     *
     * @param before the id the page was read before, or {@code null} for the newest
     * @param olderBefore the {@code before} of the next (older) page, or {@code null} when this is the last
     */
    record Page(List<Row> rows, Long before, Long olderBefore) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AdminOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Pending and failed emails, each counted up to {@link #COUNT_CAP}, in one statement. */
    @Transactional(readOnly = true)
    public UnsentCounts unsentCounts() {
        return jdbc.sql("select "
                        + CappedCounts.of("select 1 from outbound_email where status = 'PENDING'", COUNT_CAP) + ", "
                        + CappedCounts.of("select 1 from outbound_email where status = 'FAILED'", COUNT_CAP))
                .query((rs, row) -> new UnsentCounts(CappedCount.of(rs.getLong(1), COUNT_CAP),
                        CappedCount.of(rs.getLong(2), COUNT_CAP)))
                .single();
    }

    /** The emails of a status older than {@code before} (all when null), newest first. */
    @Transactional(readOnly = true)
    Page page(OutboxTab status, Long before) {
        List<Row> rows = jdbc.sql("""
                        select id, created_at, kind, to_address, attempts,
                               case status when 'PENDING' then next_attempt_at when 'SENT' then sent_at
                                           else failed_at end as status_at,
                               left(last_error, :errorLength + 1) as last_error
                        from outbound_email
                        where status = :status and id < :before
                        order by id desc
                        limit :limit""")
                .param("errorLength", ERROR_LENGTH)
                .param("status", status.name())
                .param("before", before == null ? Long.MAX_VALUE : before)
                .param("limit", PAGE_SIZE + 1)
                .query(AdminOutbox::row)
                .list();
        if (rows.size() <= PAGE_SIZE) {
            return new Page(rows, before, null);
        }
        List<Row> shown = List.copyOf(rows.subList(0, PAGE_SIZE));
        return new Page(shown, before, shown.get(PAGE_SIZE - 1).id());
    }

    /**
     * Puts a failed email back in the queue, due now, with its attempts reset; its last error stays for reference.
     *
     * @return {@code false} when it is no longer failed (retried meanwhile, by someone else)
     * @throws NotFoundException when there is no such email
     */
    @Transactional
    boolean retry(long emailId) {
        int updated = jdbc.sql("""
                        update outbound_email
                        set status = 'PENDING', attempts = 0, next_attempt_at = ?, failed_at = null
                        where id = ? and status = 'FAILED'""")
                .params(Timestamp.from(clock.instant()), emailId)
                .update();
        if (updated == 0 && jdbc.sql("select count(*) from outbound_email where id = ?").param(emailId)
                .query(Long.class).single() == 0) {
            throw new NotFoundException();
        }
        return updated == 1;
    }

    /** Puts every failed email back in the queue; returns how many. */
    @Transactional
    int retryAllFailed() {
        return jdbc.sql("""
                        update outbound_email
                        set status = 'PENDING', attempts = 0, next_attempt_at = ?, failed_at = null
                        where status = 'FAILED'""")
                .params(Timestamp.from(clock.instant()))
                .update();
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        String error = rs.getString("last_error");
        if (error != null && error.length() > ERROR_LENGTH) {
            error = error.substring(0, ERROR_LENGTH) + "…";
        }
        return new Row(rs.getLong("id"), rs.getTimestamp("created_at").toInstant(), rs.getString("kind"),
                rs.getString("to_address"), rs.getInt("attempts"), rs.getTimestamp("status_at").toInstant(), error);
    }
}
