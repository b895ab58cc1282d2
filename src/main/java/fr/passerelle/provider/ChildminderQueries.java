package fr.passerelle.provider;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.text.Normalizer;

import fr.passerelle.provider.label.AvipLabel;
import fr.passerelle.provider.label.AvipLabelStatus;
import fr.passerelle.system.CappedCounts;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.Pages;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry's lists, read as rows rather than entities: a page is two statements (rows and a count capped at
 * {@value #COUNT_CAP}) whatever its size, each with the current label joined (index avip_label_current_idx) and the commune's name. Every filter has
 * an index (V6__registry_childminders.sql). {@code departementCode} scopes a Caf officer to their territory; an
 * administrator passes {@code null}.
 */
@Component
public class ChildminderQueries {

    public static final int PAGE_SIZE = 25;

    /**
     * The list's count stops here, as every count on a request path does ({@link CappedCounts#CAP}): counting
     * 250,000 childminders took 390 ms a page, and even 10,001 of them 5 ms, the most of a page's time; nobody reads
     * page 51 of an unfiltered registry. Beyond it, the caption says "more than 1,000" and the pages go on while
     * rows do.
     */
    public static final int COUNT_CAP = CappedCounts.CAP;

    /** The "expiring" page's horizons, in days. */
    public static final int SOON = 30;
    public static final int LATER = 60;

    private static final String FROM_CHILDMINDER = """
            from childminder c
            join commune m on m.insee_code = c.commune_code
            """;

    private static final String FROM = FROM_CHILDMINDER + """
            left join lateral (
                select l.valid_from, l.valid_to, l.suspended_since, l.revoked_at from avip_label l
                where l.childminder_id = c.id order by l.id desc limit 1) l on true
            """;

    private static final String COLUMNS = """
            select c.id, c.first_name, c.last_name, c.agreement_number, c.agreement_end_date, c.children_allowed,
                   c.avip_places, c.commune_code, m.name as commune_name, c.active,
                   l.valid_from, l.valid_to, l.suspended_since is not null as suspended, l.revoked_at is not null as revoked
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    ChildminderQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A page of the list. {@code capped}: more than {@link #COUNT_CAP} childminders match, the page's total is not
     * known and the page only knows whether another one follows.
     */
    public record Listing(Page<RegistryRow> page, boolean capped) {
    }

    /** A label or an agreement that ends soon, for the "expiring" page. */
    public record Expiring(RegistryRow childminder, LocalDate endDate, long daysLeft) {
    }

    /**
     * The page the filter asks for, in two statements (a capped count and the rows). {@code communeCode} and
     * {@code epciCode}: the filter's commune and EPCI, resolved by the caller ({@code null}: any).
     */
    @Transactional(readOnly = true)
    public Listing page(RegistryFilter filter, String communeCode, String epciCode, String departementCode) {
        LocalDate today = LocalDate.now(clock);
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("today", Date.valueOf(today));
        if (departementCode != null) {
            where.add("m.departement_code = :departement");
            params.put("departement", departementCode);
        }
        switch (filter.getState()) {
            case ACTIVE -> where.add("c.active");
            case INACTIVE -> where.add("not c.active");
            case ALL -> { }
        }
        if (communeCode != null) {
            where.add("c.commune_code = :commune");
            params.put("commune", communeCode);
        }
        if (epciCode != null) {
            where.add("m.epci_code = :epci");
            params.put("epci", epciCode);
        }
        // Only the label filters read the current label: the count does without the lateral join otherwise.
        boolean readsLabel = filter.getLabel() != null || filter.getExpiring() != null;
        if (filter.getLabel() != null) {
            where.add(labelCondition(filter.getLabel()));
        }
        if (filter.getExpiring() != null) {
            where.add("""
                    ((l.revoked_at is null and l.valid_to between :today and :horizon)
                     or c.agreement_end_date between :today and :horizon)""");
            params.put("horizon", Date.valueOf(today.plusDays(filter.getExpiring())));
        }
        if (filter.getQ() != null) {
            String name = searchName(filter.getQ());
            List<String> alternatives = new ArrayList<>();
            alternatives.add("upper(c.agreement_number) like :number || '%'");
            params.put("number", escapeLike(filter.getQ().toUpperCase(Locale.ROOT)));
            if (!name.isEmpty()) {
                // The normalised name holds only [a-z0-9 ]: no LIKE wildcard to escape.
                alternatives.add("c.last_search_name like :name || '%'");
                alternatives.add("c.first_search_name like :name || '%'");
                params.put("name", name);
            }
            where.add("(" + String.join(" or ", alternatives) + ")");
        }
        String condition = where.isEmpty() ? "" : "where " + String.join(" and ", where) + "\n";
        long total = jdbc.sql("select " + CappedCounts.of("select 1 " + (readsLabel ? FROM : FROM_CHILDMINDER)
                        + condition, COUNT_CAP))
                .params(params).query(Long.class).single();
        boolean capped = CappedCounts.isCapped(total, COUNT_CAP);
        // Capped, the last page is unknown: the page asked for is read as is, with one row more to tell whether
        // another page follows.
        int pageNumber = capped ? filter.getPage() : Pages.within(filter.getPage(), total, PAGE_SIZE);
        // The limit and offset written in the statement (numbers of our own): as parameters, PostgreSQL planned the
        // statement again at every view, its generic plan priced for an unknown limit (0.4 ms of planning a view).
        int limit = capped ? PAGE_SIZE + 1 : PAGE_SIZE;
        long offset = (long) pageNumber * PAGE_SIZE;
        List<RegistryRow> rows = jdbc.sql(COLUMNS + FROM + condition
                        + "order by c.last_search_name, c.first_search_name, c.id limit " + limit + " offset " + offset)
                .params(params)
                .query((row, n) -> row(row, today))
                .list();
        PageRequest request = PageRequest.of(pageNumber, PAGE_SIZE);
        if (!capped) {
            return new Listing(new PageImpl<>(rows, request, total), false);
        }
        boolean more = rows.size() > PAGE_SIZE;
        List<RegistryRow> content = more ? rows.subList(0, PAGE_SIZE) : rows;
        // A total that only makes the pager right ("next" while rows follow, "previous" past the end); the caption
        // says "more than 10,000", never this figure.
        long known = request.getOffset() + content.size() + (more ? 1 : 0);
        return new Listing(new PageImpl<>(content, request, known), true);
    }

    /** One childminder as a row; 404 when unknown or, for an officer, outside their département. */
    @Transactional(readOnly = true)
    public RegistryRow row(long id, String departementCode) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql(COLUMNS + FROM + "where c.id = :id and (cast(:departement as text) is null"
                        + " or m.departement_code = :departement)")
                .param("id", id)
                .param("departement", departementCode)
                .query((row, n) -> row(row, today))
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    /** Labels (in force or not yet) and agreements of active childminders ending within {@value #LATER} days. */
    @Transactional(readOnly = true)
    public List<Expiring> expiringLabels(String departementCode) {
        return expiring("l.revoked_at is null and l.valid_to between :today and :horizon", "l.valid_to",
                departementCode);
    }

    @Transactional(readOnly = true)
    public List<Expiring> expiringAgreements(String departementCode) {
        return expiring("c.agreement_end_date between :today and :horizon", "c.agreement_end_date", departementCode);
    }

    private List<Expiring> expiring(String condition, String endColumn, String departementCode) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql(COLUMNS + ", " + endColumn + " as end_date " + FROM + "where c.active and " + condition
                        + " and (cast(:departement as text) is null or m.departement_code = :departement)"
                        + " order by end_date, c.last_search_name, c.id")
                .param("today", Date.valueOf(today))
                .param("horizon", Date.valueOf(today.plusDays(LATER)))
                .param("departement", departementCode)
                .query((row, n) -> {
                    LocalDate end = row.getObject("end_date", LocalDate.class);
                    return new Expiring(row(row, today), end, java.time.temporal.ChronoUnit.DAYS.between(today, end));
                })
                .list();
    }

    private static String labelCondition(RegistryFilter.LabelFilter label) {
        String live = "l.valid_from is not null and l.revoked_at is null and l.suspended_since is null";
        return switch (label) {
            case ACTIVE -> "(" + live + " and l.valid_from <= :today and l.valid_to >= :today)";
            case NOT_YET_VALID -> "(" + live + " and l.valid_from > :today)";
            case EXPIRED -> "(" + live + " and l.valid_to < :today)";
            case SUSPENDED -> "(l.revoked_at is null and l.suspended_since is not null)";
            case REVOKED -> "(l.revoked_at is not null)";
            case NONE -> "(l.valid_from is null)";
        };
    }

    private static RegistryRow row(ResultSet row, LocalDate today) throws SQLException {
        LocalDate validFrom = row.getObject("valid_from", LocalDate.class);
        LocalDate validTo = row.getObject("valid_to", LocalDate.class);
        LocalDate agreementEnd = row.getObject("agreement_end_date", LocalDate.class);
        AvipLabelStatus status = validFrom == null ? null
                : AvipLabel.status(validFrom, validTo, row.getBoolean("suspended"), row.getBoolean("revoked"), today);
        return new RegistryRow(row.getLong("id"), row.getString("first_name"), row.getString("last_name"),
                row.getString("agreement_number"), agreementEnd, !today.isAfter(agreementEnd),
                row.getInt("children_allowed"), row.getInt("avip_places"), row.getString("commune_code"),
                row.getString("commune_name"), row.getBoolean("active"), validFrom, validTo, status);
    }

    /** As the database's territory_search_name: lower case, no accents, other characters as single spaces. */
    static String searchName(String text) {
        String spelledOut = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
                .replace("ø", "o").replace("Ø", "o");
        String withoutMarks = Normalizer.normalize(spelledOut, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return withoutMarks.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
