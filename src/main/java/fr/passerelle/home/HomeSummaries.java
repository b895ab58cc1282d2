package fr.passerelle.home;

import java.util.EnumMap;
import java.util.Map;

import fr.passerelle.organisation.OrganisationKind;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The few figures home pages show; each is one aggregate query. */
@Component
class HomeSummaries {

    /** A Caf's territory: its département and how many communes it counts. */
    record Territory(String departementCode, String departementName, long communeCount) {
    }

    private final JdbcClient jdbc;

    HomeSummaries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    Territory territory(String departementCode) {
        return jdbc.sql("""
                select d.code, d.name, (select count(*) from commune c where c.departement_code = d.code)
                from departement d where d.code = ?
                """)
                .param(departementCode)
                .query((rs, row) -> new Territory(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .single();
    }

    @Transactional(readOnly = true)
    Map<OrganisationKind, Long> activeOrganisationsByKind() {
        Map<OrganisationKind, Long> counts = new EnumMap<>(OrganisationKind.class);
        for (OrganisationKind kind : OrganisationKind.values()) {
            counts.put(kind, 0L);
        }
        jdbc.sql("select kind, count(*) from organisation where active group by kind")
                .query((rs, row) -> counts.put(OrganisationKind.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        return counts;
    }

    @Transactional(readOnly = true)
    long enabledUserCount() {
        return jdbc.sql("select count(*) from user_account where enabled").query(Long.class).single();
    }
}
