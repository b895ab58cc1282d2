package fr.passerelle.territory;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import fr.passerelle.territory.CommuneResolution.Ambiguous;
import fr.passerelle.territory.CommuneResolution.Found;
import fr.passerelle.territory.CommuneResolution.NotFound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds communes in the reference table {@code commune} by name, postal code or INSEE code, and resolves what a user
 * typed or picked to one INSEE code. Read-only: the rows come from the territory reference data migration.
 *
 * <p>Every query is shaped for an index of {@code V1__territory.sql}: a name prefix is {@code search_name like
 * :name || '%'} (btree with {@code text_pattern_ops}; the normalised query holds only {@code [a-z0-9 ]}, so it never
 * contains a LIKE wildcard), a postal code {@code postal_codes @> array[:code]} (GIN), a postal code prefix the
 * départements it designates, an INSEE code the primary key.
 */
@Service
public class CommuneDirectory {

    /** Shorter queries would match thousands of communes: no suggestion. */
    static final int MIN_QUERY_LENGTH = 2;

    /** The longest commune name has 45 characters, its label 53; anything much longer is not a commune. */
    static final int MAX_QUERY_LENGTH = 100;

    /** Whatever a caller asks, a suggestion list stays short. */
    static final int MAX_LIMIT = 50;

    /** 2A/2B for Corsica, otherwise 5 digits (overseas: 3-digit département + 2 digits). */
    private static final Pattern INSEE_CODE = Pattern.compile("(?:\\d{2}|2[AB])\\d{3}", Pattern.CASE_INSENSITIVE);

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** What {@link Commune#label()} produces: a name, then a postal code in parentheses. */
    private static final Pattern LABEL = Pattern.compile("(.+?)\\s*\\((\\d{5})\\)");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

    private static final String COLUMNS = "insee_code, name, departement_code, epci_code, postal_codes";

    /**
     * Names starting with the query, or starting with it after a leading article ("havre" finds Le Havre, "hay les"
     * L'Haÿ-les-Roses). Each OR branch is one range of the search_name index. The inner query keeps exact names
     * first so that a small commune whose whole name was typed is never pushed out of the list by more populous ones
     * starting with the same words (Saint-Denis in the Aude behind Saint-Denis-en-Val...); the outer one shows the
     * kept rows most populous first.
     */
    static final String SEARCH_BY_NAME = """
            select insee_code, name, departement_code, epci_code, postal_codes from (
                select insee_code, name, departement_code, epci_code, postal_codes, population
                from commune
                where search_name like :name || '%'
                   or search_name like 'l ' || :name || '%'
                   or search_name like 'la ' || :name || '%'
                   or search_name like 'le ' || :name || '%'
                   or search_name like 'les ' || :name || '%'
                order by search_name in (:name, 'l ' || :name, 'la ' || :name, 'le ' || :name, 'les ' || :name) desc,
                         population desc nulls last, name, insee_code
                limit :limit) kept
            order by population desc nulls last, name, insee_code
            """;

    /**
     * Postal codes starting with 2 to 4 digits, looked for within the départements those digits designate (index on
     * departement_code, then a few hundred rows filtered at most). Not through the GIN index: {@code postal_codes &&}
     * an array of every code with the prefix (100 for 3 digits) is estimated at hundreds of rows, so PostgreSQL scans
     * the table and compares every array, 0.1 s for 3 digits and 1 s for 2; one GIN probe per possible code costs
     * more than the département restriction too. The price: the 26 communes whose postal code belongs to another
     * département (Paray-Vieille-Poste, in Essonne, is also 94390) are suggested for that code only once its five
     * digits are typed.
     */
    static final String SEARCH_BY_POSTAL_PREFIX = """
            select insee_code, name, departement_code, epci_code, postal_codes
            from commune
            where departement_code = any(:departements)
              and exists (select from unnest(postal_codes) postal_code where postal_code like :prefix || '%')
            order by population desc nulls last, name, insee_code
            limit :limit
            """;

    /** 3,056 five-digit strings are both the INSEE code of one commune and the postal code of others: both count. */
    static final String FIND_BY_CODE = """
            select insee_code, name, departement_code, epci_code, postal_codes
            from commune
            where insee_code = :code or postal_codes @> array[:code]::varchar[]
            order by population desc nulls last, name, insee_code
            limit :limit
            """;

    static final String FIND_BY_LABEL = """
            select insee_code, name, departement_code, epci_code, postal_codes
            from commune
            where search_name = :name and postal_codes @> array[:postalCode]::varchar[]
            order by population desc nulls last, name, insee_code
            limit :limit
            """;

    static final String FIND_BY_NAME = """
            select insee_code, name, departement_code, epci_code, postal_codes
            from commune
            where search_name = :name
            order by population desc nulls last, name, insee_code
            """;

    private final JdbcClient jdbc;

    CommuneDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} (at most {@value #MAX_LIMIT}) communes, most populous first, whose name starts with the
     * query's words, ignoring case, accents and punctuation, also after a leading article; or, for digits, whose
     * postal code starts with them; or whose INSEE code or postal code is the query. A label made by
     * {@link Commune#label()} finds its commune. Empty for a query shorter than {@value #MIN_QUERY_LENGTH}
     * characters.
     */
    @Transactional(readOnly = true)
    public List<Commune> search(String query, int limit) {
        if (query == null || limit <= 0) {
            return List.of();
        }
        String text = query.strip();
        if (text.length() < MIN_QUERY_LENGTH || text.length() > MAX_QUERY_LENGTH) {
            return List.of();
        }
        int max = Math.min(limit, MAX_LIMIT);
        Matcher label = LABEL.matcher(text);
        if (label.matches()) {
            return findByLabel(label.group(1), label.group(2), max);
        }
        if (INSEE_CODE.matcher(text).matches()) {
            return findByCode(text.toUpperCase(Locale.ROOT), max);
        }
        String digits = text.replace(" ", "");
        if (DIGITS.matcher(digits).matches()) {
            return digits.length() < 5 ? findByPostalPrefix(digits, max) : List.of();
        }
        String name = searchName(text);
        if (name.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SEARCH_BY_NAME).param("name", name).param("limit", max).query(CommuneDirectory::commune)
                .list();
    }

    /**
     * What the user typed or picked, to exactly one commune: an INSEE code ("91228", "2A004"), a label as made by
     * {@link Commune#label()} ("Évry-Courcouronnes (91000)"), a postal code ("91000") or a name ("evry-courcouronnes"),
     * ignoring case, accents and punctuation. Several communes for a shared name or postal code, or for five digits
     * that are one commune's INSEE code and others' postal code ("91100"): {@link Ambiguous}. Code that holds an
     * INSEE code it stored itself should call {@link #findByInseeCode(String)} instead.
     */
    @Transactional(readOnly = true)
    public CommuneResolution resolve(String typed) {
        if (typed == null) {
            return new NotFound();
        }
        String text = typed.strip();
        if (text.isEmpty() || text.length() > MAX_QUERY_LENGTH) {
            return new NotFound();
        }
        Matcher label = LABEL.matcher(text);
        List<Commune> candidates;
        if (INSEE_CODE.matcher(text).matches()) {
            candidates = findByCode(text.toUpperCase(Locale.ROOT), Integer.MAX_VALUE);
        }
        else if (label.matches()) {
            candidates = findByLabel(label.group(1), label.group(2), Integer.MAX_VALUE);
        }
        else {
            String name = searchName(text);
            candidates = name.isEmpty() ? List.of()
                    : jdbc.sql(FIND_BY_NAME).param("name", name).query(CommuneDirectory::commune).list();
        }
        return switch (candidates.size()) {
            case 0 -> new NotFound();
            case 1 -> new Found(candidates.get(0));
            default -> new Ambiguous(candidates);
        };
    }

    /**
     * One statement: no transaction of its own (a caller's is joined), as {@link #findAllByInseeCodes}.
     */
    public Optional<Commune> findByInseeCode(String inseeCode) {
        if (inseeCode == null) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from commune where insee_code = ?")
                .param(inseeCode.strip().toUpperCase(Locale.ROOT))
                .query(CommuneDirectory::commune)
                .optional();
    }

    /**
     * For showing many referrals at once without N+1: one query. Unknown codes are left out of the map. One
     * statement needs no transaction of its own: a list page called it after its own, a read-only transaction's begin
     * and commit more a view (a caller's is joined).
     */
    public Map<String, Commune> findAllByInseeCodes(Collection<String> inseeCodes) {
        String[] codes = inseeCodes.stream().filter(Objects::nonNull).distinct().toArray(String[]::new);
        if (codes.length == 0) {
            return Map.of();
        }
        Map<String, Commune> byCode = new LinkedHashMap<>();
        jdbc.sql("select " + COLUMNS + " from commune where insee_code = any(?) order by insee_code")
                .param(codes)
                .query(CommuneDirectory::commune)
                .list()
                .forEach(commune -> byCode.put(commune.inseeCode(), commune));
        return byCode;
    }

    private List<Commune> findByCode(String code, int limit) {
        return jdbc.sql(FIND_BY_CODE).param("code", code).param("limit", limit).query(CommuneDirectory::commune)
                .list();
    }

    private List<Commune> findByLabel(String name, String postalCode, int limit) {
        return jdbc.sql(FIND_BY_LABEL).param("name", searchName(name)).param("postalCode", postalCode)
                .param("limit", limit).query(CommuneDirectory::commune).list();
    }

    private List<Commune> findByPostalPrefix(String prefix, int limit) {
        return jdbc.sql(SEARCH_BY_POSTAL_PREFIX).param("departements", departementsOfPostalPrefix(prefix))
                .param("prefix", prefix).param("limit", limit).query(CommuneDirectory::commune).list();
    }

    /**
     * The départements whose communes have postal codes starting with these 2 to 4 digits: the first two digits,
     * except in Corsica (20 for 2A and 2B) and overseas (3-digit départements: 97 stands for 970 to 979).
     */
    static String[] departementsOfPostalPrefix(String prefix) {
        String first = prefix.substring(0, 2);
        if (first.equals("20")) {
            return new String[] {"2A", "2B"};
        }
        if (first.equals("97") || first.equals("98")) {
            return prefix.length() >= 3 ? new String[] {prefix.substring(0, 3)}
                    : IntStream.rangeClosed(0, 9).mapToObj(digit -> first + digit).toArray(String[]::new);
        }
        return new String[] {first};
    }

    /**
     * The same normalisation as the SQL function {@code territory_search_name}, which filled {@code search_name}:
     * lower case, no accents or ligatures, every run of other characters as one space.
     */
    static String searchName(String text) {
        String spelledOut = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
                // The one letter of territory_search_name's list that Unicode does not decompose.
                .replace("ø", "o").replace("Ø", "o");
        String withoutMarks = MARKS.matcher(Normalizer.normalize(spelledOut, Normalizer.Form.NFD)).replaceAll("");
        return NON_ALPHANUMERIC.matcher(withoutMarks.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private static Commune commune(ResultSet row, int rowNumber) throws SQLException {
        Array postalCodes = row.getArray("postal_codes");
        return new Commune(row.getString("insee_code"), row.getString("name"), row.getString("departement_code"),
                row.getString("epci_code"), List.of((String[]) postalCodes.getArray()));
    }
}
