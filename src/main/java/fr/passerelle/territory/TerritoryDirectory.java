package fr.passerelle.territory;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Départements and EPCIs of the reference data, for administrators' pickers (communes: {@link CommuneDirectory}). */
@Service
public class TerritoryDirectory {

    private static final Pattern SIREN = Pattern.compile("\\d{9}");

    /** What {@link Epci#label()} produces. */
    private static final Pattern LABEL = Pattern.compile(".*\\((\\d{9})\\)\\s*");

    private final JdbcClient jdbc;

    TerritoryDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Departement> departements() {
        return jdbc.sql("select code, name from departement order by code")
                .query((row, n) -> new Departement(row.getString("code"), row.getString("name"))).list();
    }

    @Transactional(readOnly = true)
    public Optional<Departement> findDepartement(String code) {
        return jdbc.sql("select code, name from departement where code = ?").param(code)
                .query((row, n) -> new Departement(row.getString("code"), row.getString("name"))).optional();
    }

    /**
     * EPCIs whose name contains the query's words (ignoring case, accents and punctuation), or whose SIREN is the
     * query, or the one of a label made by {@link Epci#label()}; at most {@code limit}, by name.
     */
    @Transactional(readOnly = true)
    public List<Epci> searchEpci(String query, int limit) {
        if (query == null || query.strip().length() < 2) {
            return List.of();
        }
        String text = query.strip();
        Matcher label = LABEL.matcher(text);
        String code = label.matches() ? label.group(1) : SIREN.matcher(text).matches() ? text : null;
        if (code != null) {
            return jdbc.sql("select code, name from epci where code = ?").param(code).query(TerritoryDirectory::epci)
                    .list();
        }
        String name = CommuneDirectory.searchName(text);
        if (name.length() < 2) {
            return List.of();
        }
        // The trigram index on territory_search_name(name) serves this substring match; the query holds only
        // [a-z0-9 ], so it never contains a LIKE wildcard.
        return jdbc.sql("""
                select code, name from epci where territory_search_name(name) like '%' || :name || '%'
                order by name limit :limit""")
                .param("name", name).param("limit", Math.min(limit, 50)).query(TerritoryDirectory::epci).list();
    }

    /**
     * What the user typed or picked, to the EPCIs it may designate: the one of a SIREN or of a label made by
     * {@link Epci#label()}; for a name, those whose whole name it is, or else those whose name contains it (at most
     * {@code limit}). One EPCI: found; none: unknown; several: the user chooses.
     */
    @Transactional(readOnly = true)
    public List<Epci> resolveEpci(String typed, int limit) {
        if (typed == null || typed.isBlank() || typed.strip().length() > 200) {
            return List.of();
        }
        String text = typed.strip();
        Matcher label = LABEL.matcher(text);
        if (!label.matches() && !SIREN.matcher(text).matches()) {
            String name = CommuneDirectory.searchName(text);
            List<Epci> exact = name.isEmpty() ? List.of()
                    : jdbc.sql("select code, name from epci where territory_search_name(name) = :name"
                                    + " order by name, code limit :limit")
                            .param("name", name).param("limit", Math.min(limit, 50))
                            .query(TerritoryDirectory::epci).list();
            if (!exact.isEmpty()) {
                return exact;
            }
        }
        return searchEpci(text, limit);
    }

    /** The INSEE codes of the EPCI's communes. */
    @Transactional(readOnly = true)
    public List<String> communesOfEpci(String epciCode) {
        return jdbc.sql("select insee_code from commune where epci_code = ? order by insee_code").param(epciCode)
                .query(String.class).list();
    }

    private static Epci epci(java.sql.ResultSet row, int rowNumber) throws java.sql.SQLException {
        return new Epci(row.getString("code"), row.getString("name"));
    }
}
