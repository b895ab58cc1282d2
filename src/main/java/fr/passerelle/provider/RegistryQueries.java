package fr.passerelle.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.passerelle.system.Pages;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists of home-care services and crèches for administrators (all, or one département) and for Caf officers (their
 * département), one page at a time. A page costs a fixed number of statements whatever its size: the rows, the count,
 * the coverage of the page's services, and their communes.
 */
@Component
public class RegistryQueries {

    public static final int PAGE_SIZE = 20;

    /** A home-care service as lists show it; {@code coverage} by commune name. */
    public record ServiceRow(long id, String name, String departementCode, String communeCode, String phone,
            String contactEmail, boolean underThreeApproved, boolean active, List<Commune> coverage) {
    }

    /** A crèche as lists show it. */
    public record CrecheRow(long id, String name, String departementCode, String communeCode, String phone,
            String contactEmail, int totalPlaces, int emergencyPlaces, int minAgeMonths, int maxAgeMonths,
            boolean active) {
    }

    /**
     * Services whose organisation is in the département or which cover one of its communes (a service based next
     * door can cover it); {@code null}: every service.
     */
    private static final String SERVICES_WHERE = """
            from home_care_service s join organisation o on o.id = s.organisation_id
            where cast(:departement as varchar) is null or o.departement_code = :departement
               or exists (select from home_care_coverage h join commune c on c.insee_code = h.commune_code
                          where h.service_id = s.id and c.departement_code = :departement)
            """;

    private static final String CRECHES_WHERE = """
            from creche k join organisation o on o.id = k.organisation_id
            where cast(:departement as varchar) is null or o.departement_code = :departement
            """;

    private final JdbcClient jdbc;
    private final CommuneDirectory communes;

    RegistryQueries(JdbcClient jdbc, CommuneDirectory communes) {
        this.jdbc = jdbc;
        this.communes = communes;
    }

    @Transactional(readOnly = true)
    public Page<ServiceRow> services(String departementCode, int page) {
        long total = jdbc.sql("select count(*) " + SERVICES_WHERE).param("departement", departementCode)
                .query(Long.class).single();
        PageRequest request = PageRequest.of(Pages.within(page, total, PAGE_SIZE), PAGE_SIZE);
        record Row(long id, String name, String departementCode, String communeCode, String phone,
                String contactEmail, boolean underThree, boolean active) {
        }
        List<Row> rows = jdbc.sql("""
                select s.id, o.name, o.departement_code, o.commune_code, s.phone, o.contact_email,
                       s.under_three_approved, o.active
                """ + SERVICES_WHERE + """
                order by lower(o.name), s.id limit :limit offset :offset""")
                .param("departement", departementCode)
                .param("limit", request.getPageSize()).param("offset", request.getOffset())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8)))
                .list();
        Map<Long, List<String>> coverage = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
            jdbc.sql("select service_id, commune_code from home_care_coverage where service_id = any(?)")
                    .param(ids)
                    .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .list()
                    .forEach(entry -> coverage.computeIfAbsent(entry.getKey(), id -> new ArrayList<>())
                            .add(entry.getValue()));
        }
        Map<String, Commune> byCode = communes.findAllByInseeCodes(
                coverage.values().stream().flatMap(List::stream).toList());
        List<ServiceRow> content = rows.stream().map(row -> new ServiceRow(row.id(), row.name(),
                row.departementCode(), row.communeCode(), row.phone(), row.contactEmail(), row.underThree(),
                row.active(),
                coverage.getOrDefault(row.id(), List.of()).stream().map(byCode::get)
                        .filter(java.util.Objects::nonNull)
                        .sorted(Comparator.comparing(Commune::name)).toList()))
                .toList();
        return new PageImpl<>(content, request, total);
    }

    @Transactional(readOnly = true)
    public Page<CrecheRow> creches(String departementCode, int page) {
        long total = jdbc.sql("select count(*) " + CRECHES_WHERE).param("departement", departementCode)
                .query(Long.class).single();
        PageRequest request = PageRequest.of(Pages.within(page, total, PAGE_SIZE), PAGE_SIZE);
        List<CrecheRow> content = jdbc.sql("""
                select k.id, o.name, o.departement_code, o.commune_code, k.phone, o.contact_email,
                       k.total_places, k.emergency_places, k.min_age_months, k.max_age_months, o.active
                """ + CRECHES_WHERE + """
                order by lower(o.name), k.id limit :limit offset :offset""")
                .param("departement", departementCode)
                .param("limit", request.getPageSize()).param("offset", request.getOffset())
                .query((rs, n) -> new CrecheRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                        rs.getBoolean(11)))
                .list();
        return new PageImpl<>(content, request, total);
    }

    /** Names of the communes the rows are based in, in one statement. */
    @Transactional(readOnly = true)
    public Map<String, Commune> communesOf(List<String> communeCodes) {
        return communes.findAllByInseeCodes(communeCodes);
    }
}
