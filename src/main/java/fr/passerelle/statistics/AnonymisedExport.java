package fr.passerelle.statistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The administrators' dataset for an external evaluation: one row per referral sent to the Caf of their territory in
 * the period, without names, identifiers, phone or email; children's ages in months on the first day of care, the
 * commune, dates truncated to the month, statuses, delays in hours and the outcome. Streamed from a cursor (a fetch
 * size in a read-only transaction): a national export never sits in memory.
 */
@Service
public class AnonymisedExport {

    /** The columns, in order: French headers of the file. */
    public static final List<String> HEADERS = List.of("mois_envoi", "departement", "commune_insee", "epci_siren",
            "type_prescripteur", "besoin", "motif", "nombre_enfants", "ages_enfants_mois", "mois_premier_jour",
            "statut", "decision_eligibilite", "demandes_complements", "delai_envoi_decision_heures",
            "delai_eligible_premiere_proposition_heures", "propositions", "delai_envoi_garde_organisee_heures",
            "type_accueil", "motif_sans_solution", "issue", "mois_issue");

    private static final int FETCH_SIZE = 1000;

    private static final String SQL = """
            select to_char(r.submitted_at at time zone :zone, 'YYYY-MM'), r.departement_code, r.commune_code,
                   m.epci_code, o.kind, r.need, r.purpose,
                   (select count(*) from referral_child c where c.referral_id = r.id),
                   (select string_agg((/*months*/)::int::text, '|' order by c.position)
                    from referral_child c where c.referral_id = r.id),
                   to_char(r.first_day, 'YYYY-MM'), r.status,
                   e.decision, e.requests, round(e.to_decision::numeric, 1), round(e.to_offer::numeric, 1), e.offers,
                   round(e.to_care::numeric, 1), e.care_kind, r.no_solution_reason, r.outcome,
                   to_char(r.closed_at at time zone :zone, 'YYYY-MM')
            from referral r
            join organisation o on o.id = r.organisation_id
            left join commune m on m.insee_code = r.commune_code
            left join lateral (
                select max(e.reason) filter (where e.kind = 'DECIDED') as decision,
                       count(*) filter (where e.kind = 'INFORMATION_REQUESTED') as requests,
                       max(e.hours) filter (where e.kind = 'DECIDED') as to_decision,
                       max(e.hours) filter (where e.kind = 'FIRST_OFFER') as to_offer,
                       count(*) filter (where e.kind = 'OFFER') as offers,
                       max(e.hours) filter (where e.kind = 'CARE_ARRANGED') as to_care,
                       max(e.provider_kind) filter (where e.kind = 'CARE_ARRANGED') as care_kind
                from statistics_event e where e.referral_id = r.id
            ) e on true
            where r.departement_code = ? and r.submitted_at is not null
              and r.submitted_at >= (?::date)::timestamp at time zone :zone
              and r.submitted_at < ((?::date) + 1)::timestamp at time zone :zone
            order by r.submitted_at"""
            .replace("/*months*/", UnmetNeeds.MONTHS.formatted("r.first_day", "c.birth_date"));

    /** Receives the rows one at a time. */
    @FunctionalInterface
    public interface RowWriter {
        void write(List<String> row) throws IOException;
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final java.time.Clock clock;

    AnonymisedExport(DataSource dataSource, PlatformTransactionManager transactions, java.time.Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    /** Writes the rows of the Caf's territory sent in the period, in the order they were sent. */
    public void export(StatisticsScope scope, Period period, RowWriter writer) {
        if (!scope.caf()) {
            throw new StatisticsNotAllowedException();
        }
        String zone = "'" + clock.getZone().getId().replace("'", "") + "'";
        readOnly.executeWithoutResult(status -> jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(SQL.replace(":zone", zone));
            statement.setFetchSize(FETCH_SIZE);
            statement.setString(1, scope.departementCode());
            statement.setDate(2, Date.valueOf(period.from()));
            statement.setDate(3, Date.valueOf(period.to()));
            return statement;
        }, (ResultSet rs) -> {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> row = new ArrayList<>(meta.getColumnCount());
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.add(rs.getString(i));
            }
            try {
                writer.write(row);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }));
    }
}
