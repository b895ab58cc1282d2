package fr.passerelle.relais;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Label applications by outcome" on the statistics page, for the Caf's officers and administrators: the
 * applications of their département filed in the period shown, by status. Read by the page's fragment
 * ({@code relais/statistics.html}) through this bean.
 */
@Component("labelApplicationStatistics")
public class LabelApplicationStatistics {

    private final JdbcClient jdbc;
    private final Clock clock;

    LabelApplicationStatistics(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Every status with its count (0 when none), for applications filed from {@code from} to {@code to} included;
     * empty for a user outside the Caf. Served by label_application_departement_idx.
     */
    @Transactional(readOnly = true)
    public Map<LabelApplicationStatus, Long> byOutcome(CurrentUser user, LocalDate from, LocalDate to) {
        Map<LabelApplicationStatus, Long> counts = new EnumMap<>(LabelApplicationStatus.class);
        if (user.getRole() != Role.CAF_OFFICER && user.getRole() != Role.ADMIN) {
            return counts;
        }
        for (LabelApplicationStatus status : LabelApplicationStatus.values()) {
            counts.put(status, 0L);
        }
        boolean everywhere = user.getOrganisationKind() == OrganisationKind.ADMINISTRATION;
        String territory = everywhere ? "" : " and departement_code = :departement";
        var query = jdbc.sql("""
                        select status, count(*) from label_application
                        where submitted_at >= :from and submitted_at < :to""" + territory + " group by status")
                .param("from", Timestamp.from(from.atStartOfDay(clock.getZone()).toInstant()))
                .param("to", Timestamp.from(to.plusDays(1).atStartOfDay(clock.getZone()).toInstant()));
        if (!everywhere) {
            query = query.param("departement", user.getDepartementCode());
        }
        query.query((rs, n) -> counts.put(LabelApplicationStatus.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }
}
