package fr.passerelle.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import fr.passerelle.referral.ReferralViewed;
import fr.passerelle.routing.ParentContactViewed;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The log of who viewed a family's personal data: one row per view (who, when, which referral, which page), in an
 * append-only table (V18) purged after {@code passerelle.retention.access-log-after} by the retention job.
 */
@Component
public class AccessLog {

    /** One access, as an administrator reads it. */
    public record Access(Instant accessedAt, String viewerName, String organisationName, AccessedPage page) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AccessLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    // The writes below are one statement each, atomic alone: no transaction of their own (a caller's is joined).
    // The pages record their views after their read-only transaction, and a transaction more a view (begun, a JPA
    // session opened, committed) was a few percent of a candidates page.

    @EventListener
    void on(ReferralViewed event) {
        record(List.of(event.referralId()), event.viewerId(), AccessedPage.valueOf(event.page()));
    }

    @EventListener
    void on(ParentContactViewed event) {
        jdbc.sql("""
                        insert into referral_access (referral_id, viewer_id, accessed_at, page)
                        select referral_id, ?, ?, 'PROVIDER_OFFER' from offer where id = ?""")
                .param(event.viewerId()).param(now()).param(event.offerId()).update();
    }

    /** Records that {@code viewerId} saw these referrals' personal data on {@code page}. */
    public void record(Collection<Long> referralIds, long viewerId, AccessedPage page) {
        if (referralIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into referral_access (referral_id, viewer_id, accessed_at, page)
                        select id, ?, ?, ? from unnest(?) as ids (id)""")
                .param(viewerId).param(now()).param(page.name()).param(referralIds.toArray(Long[]::new)).update();
    }

    /** The newest accesses to one referral, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Access> accesses(long referralId, int limit) {
        return jdbc.sql("""
                        select a.accessed_at, u.display_name, o.name, a.page
                        from referral_access a
                        join user_account u on u.id = a.viewer_id
                        join organisation o on o.id = u.organisation_id
                        where a.referral_id = ?
                        order by a.accessed_at desc, a.id desc
                        limit ?""")
                .param(referralId).param(limit)
                .query((rs, n) -> new Access(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        AccessedPage.valueOf(rs.getString(4))))
                .list();
    }

    private java.time.OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
