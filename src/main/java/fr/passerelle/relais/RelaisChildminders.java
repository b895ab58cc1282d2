package fr.passerelle.relais;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.provider.label.AvipLabel;
import fr.passerelle.provider.label.AvipLabelStatus;
import fr.passerelle.system.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The facilitator's view of the AVIP childminders of her relais's communes: one statement per page, whatever the
 * number of rows. What a childminder does for the scheme (label, agreement, places, offers, care in progress) and
 * never anything of the families she was offered.
 */
@Component
class RelaisChildminders {

    static final int PAGE_SIZE = 25;

    /** Bounded pagination: a relais covers a few hundred childminders at most. */
    static final int MAX_PAGE = 200;

    /** One childminder as the facilitator sees her. */
    record Row(long id, String firstName, String lastName, String communeName, LocalDate agreementEndDate,
            int childrenAllowed, int avipPlaces, boolean active, AvipLabelStatus labelStatus, LocalDate labelValidFrom,
            LocalDate labelValidTo, long offersReceived, long offersAnswered, long placesInCare,
            LabelApplicationStatus applicationStatus, Integer freePlaces, LocalDate awayFrom, LocalDate awayTo) {

        public boolean agreementLapsed(LocalDate today) {
            return agreementEndDate.isBefore(today);
        }
    }

    /** A page of rows and whether another follows. */
    record Slice(List<Row> rows, int page, boolean more) {
    }

    // The childminders of the relais's communes (relais_commune's key, then childminder_commune_idx), each with her
    // current label (avip_label_current_idx), her offers (offer_provider_queue_idx), her places held today
    // (place_hold_provider_idx), her latest application (label_application_childminder_idx), the AVIP places she
    // declares free and her current or next absence (childminder_absence_childminder_idx).
    private static final String SELECT = """
            select c.id, c.first_name, c.last_name, m.name, c.agreement_end_date, c.children_allowed, c.avip_places,
                   c.active, l.valid_from, l.valid_to, l.suspended_since is not null, l.revoked_at is not null,
                   o.received, o.answered, coalesce(h.places, 0), a.status, f.free_places, w.first_day, w.last_day
            from relais_commune rc
            join childminder c on c.commune_code = rc.commune_code
            join commune m on m.insee_code = c.commune_code
            left join lateral (select valid_from, valid_to, suspended_since, revoked_at from avip_label
                               where childminder_id = c.id order by id desc limit 1) l on true
            left join lateral (select count(*) as received,
                                      count(*) filter (where status in ('ACCEPTED', 'DECLINED')) as answered
                               from offer where provider_organisation_id = c.organisation_id) o on true
            left join lateral (select sum(places) as places from place_hold
                               where provider_kind = 'CHILDMINDER' and provider_id = c.id and released_at is null
                                 and last_day >= :today and first_day <= :today) h on true
            left join lateral (select status from label_application
                               where childminder_id = c.id order by id desc limit 1) a on true
            left join childminder_free_places f on f.childminder_id = c.id
            left join lateral (select first_day, last_day from childminder_absence
                               where childminder_id = c.id and last_day >= :today
                               order by first_day limit 1) w on true
            where rc.relais_organisation_id = :relais
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    RelaisChildminders(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Slice list(CurrentUser facilitator, int requestedPage) {
        int page = Math.max(0, Math.min(requestedPage, MAX_PAGE));
        LocalDate today = today();
        List<Row> rows = jdbc.sql(SELECT + " order by c.last_search_name, c.first_search_name, c.id"
                        + " limit :limit offset :offset")
                .param("relais", RelaisScope.relaisOf(facilitator))
                .param("today", Date.valueOf(today))
                .param("limit", PAGE_SIZE + 1)
                .param("offset", page * PAGE_SIZE)
                .query((rs, n) -> row(rs, today)).list();
        boolean more = rows.size() > PAGE_SIZE;
        return new Slice(more ? rows.subList(0, PAGE_SIZE) : rows, page, more);
    }

    /** @throws NotFoundException unless she works in a commune of the facilitator's relais */
    @Transactional(readOnly = true)
    Row one(CurrentUser facilitator, long childminderId) {
        LocalDate today = today();
        return jdbc.sql(SELECT + " and c.id = :id limit 1")
                .param("relais", RelaisScope.relaisOf(facilitator))
                .param("today", Date.valueOf(today))
                .param("id", childminderId)
                .query((rs, n) -> row(rs, today)).optional().orElseThrow(NotFoundException::new);
    }

    private static Row row(ResultSet rs, LocalDate today) throws SQLException {
        Date from = rs.getDate(9);
        Date to = rs.getDate(10);
        AvipLabelStatus status = from == null ? null : AvipLabel.status(from.toLocalDate(), to.toLocalDate(),
                rs.getBoolean(11), rs.getBoolean(12), today);
        String application = rs.getString(16);
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getDate(5).toLocalDate(), rs.getInt(6), rs.getInt(7), rs.getBoolean(8), status,
                from == null ? null : from.toLocalDate(), to == null ? null : to.toLocalDate(), rs.getLong(13),
                rs.getLong(14), rs.getLong(15),
                application == null ? null : LabelApplicationStatus.valueOf(application),
                rs.getObject(17, Integer.class), rs.getObject(18, LocalDate.class), rs.getObject(19, LocalDate.class));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
