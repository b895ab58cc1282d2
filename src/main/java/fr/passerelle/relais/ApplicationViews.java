package fr.passerelle.relais;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Label applications as lists and pages show them: each list one statement, open ones first, bounded. */
@Component
class ApplicationViews {

    /** The newest applications a list shows; older ones are decided and kept in each childminder's page. */
    static final int SHOWN = 100;

    /** One application with the names around it. */
    record Summary(long id, long childminderId, String childminderName, String communeName,
            LabelApplicationStatus status, Instant submittedAt, Opinion opinion, String opinionBy,
            String decidedBy) {
    }

    private static final String COLUMNS = """
            select a.id, a.childminder_id, c.first_name || ' ' || c.last_name, m.name, a.status, a.submitted_at,
                   a.opinion, uo.display_name, ud.display_name
            """;

    private static final String NAMES = """
            join commune m on m.insee_code = c.commune_code
            left join user_account uo on uo.id = a.opinion_by
            left join user_account ud on ud.id = a.decided_by
            """;

    private static final String SELECT = COLUMNS + """
            from label_application a
            join childminder c on c.id = a.childminder_id
            """ + NAMES;

    private static final String ORDER = " order by a.status not in ('AWAITING_OPINION', 'AWAITING_DECISION'),"
            + " a.submitted_at desc, a.id desc limit :limit";

    private final JdbcClient jdbc;

    ApplicationViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The applications of the childminders of the facilitator's relais. */
    @Transactional(readOnly = true)
    List<Summary> ofRelais(CurrentUser facilitator) {
        // From the relais's communes to their childminders (childminder_commune_idx) to their applications
        // (label_application_childminder_idx): never a scan of every département's applications.
        return jdbc.sql(COLUMNS + """
                        from relais_commune rc
                        join childminder c on c.commune_code = rc.commune_code
                        join label_application a on a.childminder_id = c.id
                        """ + NAMES + " where rc.relais_organisation_id = :relais" + ORDER)
                .param("relais", RelaisScope.relaisOf(facilitator)).param("limit", SHOWN)
                .query(ApplicationViews::summary).list();
    }

    /** The applications of the administrator's département (label_application_departement_idx). */
    @Transactional(readOnly = true)
    List<Summary> ofDepartement(CurrentUser admin) {
        if (admin.getOrganisationKind() == OrganisationKind.ADMINISTRATION) {
            return jdbc.sql(SELECT + ORDER).param("limit", SHOWN).query(ApplicationViews::summary).list();
        }
        return jdbc.sql(SELECT + " where a.departement_code = :departement" + ORDER)
                .param("departement", admin.getDepartementCode()).param("limit", SHOWN)
                .query(ApplicationViews::summary).list();
    }

    /** A childminder's applications, newest first (her page, the facilitator's and administrator's). */
    @Transactional(readOnly = true)
    List<Summary> ofChildminder(long childminderId) {
        return jdbc.sql(SELECT + " where a.childminder_id = :childminder order by a.id desc limit :limit")
                .param("childminder", childminderId).param("limit", SHOWN)
                .query(ApplicationViews::summary).list();
    }

    /** One application's summary (names of the childminder, commune, and who gave the opinion and decided). */
    @Transactional(readOnly = true)
    Summary one(long applicationId) {
        return jdbc.sql(SELECT + " where a.id = :id").param("id", applicationId)
                .query(ApplicationViews::summary).single();
    }

    private static Summary summary(ResultSet rs, int row) throws SQLException {
        String opinion = rs.getString(7);
        Timestamp submitted = rs.getTimestamp(6);
        return new Summary(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                LabelApplicationStatus.valueOf(rs.getString(5)), submitted.toInstant(),
                opinion == null ? null : Opinion.valueOf(opinion), rs.getString(8), rs.getString(9));
    }
}
