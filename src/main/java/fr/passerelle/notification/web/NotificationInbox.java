package fr.passerelle.notification.web;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import fr.passerelle.system.CappedCounts;
import fr.passerelle.system.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's notifications: the bell's unread count, the list newest first a page at a time, and marking them read.
 * Every statement is scoped by {@code recipient_id}: another person's notification is not found, whatever its id.
 * Pages are read by keyset ({@code id < before}) on {@code notification_recipient_idx}, never with an offset.
 */
@Service
class NotificationInbox {

    static final int PAGE_SIZE = 20;

    /** The bell shows "99+" beyond this. */
    static final int BELL_CAP = 99;

    /**
     * One notification as listed.
     *
     * @param messageCode the message of its text ({@code notification.kind.<KIND>})
     * @param arguments the message's arguments, {0}, {1}…
     * @param link the application path it leads to, or {@code null}
     */
    record Item(long id, String messageCode, Object[] arguments, String link, Instant createdAt, boolean unread) {
    }

    /**
     * A page of the list.
     *
     * @param before the id the page was read before, or {@code null} for the newest
     * @param olderBefore the {@code before} of the next (older) page, or {@code null} when this is the last
     */
    record Page(List<Item> items, Long before, Long olderBefore) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    NotificationInbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The bell: how many are unread, up to {@link #BELL_CAP} and then "more" (the partial unread index). One
     * statement, on every page: no transaction of its own around it (it cost four times the statement).
     */
    CappedCount unreadCount(long recipientId) {
        long counted = jdbc.sql("select " + CappedCounts.of(
                        "select 1 from notification where recipient_id = ? and read_at is null", BELL_CAP))
                .param(recipientId)
                .query(Long.class).single();
        return CappedCount.of(counted, BELL_CAP);
    }

    /** The person's notifications older than {@code before} (all when null), newest first. */
    @Transactional(readOnly = true)
    Page page(long recipientId, Long before) {
        // One row more than the page tells whether an older page exists, without counting.
        List<Item> rows = jdbc.sql("""
                        select id, kind, arguments, link, created_at, read_at is null as unread
                        from notification
                        where recipient_id = :recipient and id < :before
                        order by id desc
                        limit :limit""")
                .param("recipient", recipientId)
                .param("before", before == null ? Long.MAX_VALUE : before)
                .param("limit", PAGE_SIZE + 1)
                .query(NotificationInbox::item)
                .list();
        if (rows.size() <= PAGE_SIZE) {
            return new Page(rows, before, null);
        }
        List<Item> items = rows.subList(0, PAGE_SIZE);
        return new Page(List.copyOf(items), before, items.get(PAGE_SIZE - 1).id());
    }

    /**
     * Marks the notification read (if it is not already) and tells where it leads.
     *
     * @return its link, empty when it has none
     * @throws NotFoundException when the person has no notification of that id
     */
    @Transactional
    Optional<String> open(long recipientId, long notificationId) {
        List<Optional<String>> link = jdbc.sql("""
                        update notification set read_at = coalesce(read_at, ?)
                        where id = ? and recipient_id = ?
                        returning link""")
                .params(Timestamp.from(clock.instant()), notificationId, recipientId)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                .list();
        if (link.isEmpty()) {
            throw new NotFoundException();
        }
        return link.get(0);
    }

    /** Marks every unread notification of the person read; returns how many. */
    @Transactional
    int markAllRead(long recipientId) {
        return jdbc.sql("update notification set read_at = ? where recipient_id = ? and read_at is null")
                .params(Timestamp.from(clock.instant()), recipientId)
                .update();
    }

    private static Item item(ResultSet rs, int row) throws SQLException {
        return new Item(rs.getLong("id"), "notification.kind." + rs.getString("kind"),
                arguments(rs.getArray("arguments")), rs.getString("link"),
                rs.getTimestamp("created_at").toInstant(), rs.getBoolean("unread"));
    }

    private static Object[] arguments(Array array) throws SQLException {
        if (array == null) {
            return new Object[0];
        }
        try {
            return (Object[]) array.getArray();
        }
        finally {
            array.free();
        }
    }
}
