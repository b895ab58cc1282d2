package fr.passerelle.statistics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;

import fr.passerelle.referral.CareNeed;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Unmet needs for communes: per month, commune, need and age band, the children of the Caf's territory whose referral
 * was closed with no solution that month, and the children of the offers declined that month (a child counts once per
 * declined offer), each masked as every statistic when it comes from fewer than
 * {@code passerelle.statistics.min-families} families. What a Caf sends each commune or intercommunality for its
 * childcare planning.
 * <p>
 * One aggregate statement over the statistics events (the family's commune, EPCI, need and family key as the
 * statistics page counts them), through the partial indexes of {@code V27}: the no-solution events of the territory
 * by day, its declined offers by time of answer. A child's age is taken on the first day of care, from the birth date;
 * once the retention job anonymised the referral, from the age in months it kept (at the referral's sending) plus the
 * whole months from then to the first day, which can be one month short of the exact age.
 */
@Service
public class UnmetNeeds {

    /** The longest export, in months: two years of planning figures. */
    public static final int MAX_MONTHS = 24;

    /** The columns, in order: French headers of the file; each figure counts children. */
    public static final List<String> HEADERS = List.of("mois", "commune_insee", "commune", "epci_siren", "epci",
            "besoin", "tranche_age", "enfants_demandes_sans_solution", "enfants_propositions_declinees");

    /** Replaced by the condition on the commune or the EPCI, if any, in both kinds of rows. */
    private static final String TERRITORY = "/*territory*/";

    /** Whole months from {@code b} to {@code a}, as PostgreSQL's {@code age} counts them. */
    static final String MONTHS = "(extract(year from age(%1$s, %2$s)) * 12 + extract(month from age(%1$s, %2$s)))";

    private static final String SQL = """
            with unmet as (
                -- Referrals closed with no solution in the period: the ELIGIBLE -> NO_SOLUTION move, as counted by the
                -- statistics page.
                select e.referral_id, e.commune_code, e.epci_code, e.need, e.family_key,
                       date_trunc('month', e.occurred_on::timestamp)::date as month, true as without_solution
                from statistics_event e
                where e.kind = 'NO_SOLUTION' and e.departement_code = :departement
                  and e.occurred_on >= :start and e.occurred_on < :end /*territory*/
                union all
                -- Offers declined in the period, in the month of the answer, with their event found through the
                -- referral's events: a probe of an index per offer (as a join, PostgreSQL scanned every event).
                select e.referral_id, e.commune_code, e.epci_code, e.need, e.family_key,
                       date_trunc('month', o.answered_at at time zone :zone)::date, false
                from offer o
                cross join lateral (
                    select ev.referral_id, ev.commune_code, ev.epci_code, ev.need, ev.family_key
                    from statistics_event ev
                    where ev.referral_id = o.referral_id and ev.offer_id = o.id and ev.kind = 'OFFER'
                    limit 1
                ) e
                where o.status = 'DECLINED' and o.departement_code = :departement
                  and o.answered_at >= cast(:start as timestamp) at time zone :zone
                  and o.answered_at < cast(:end as timestamp) at time zone :zone /*territory*/
            ), child as (
                -- Each row's referral's children by age band, aggregated per row: the referral and its children
                -- read by their indexes (as joins, PostgreSQL read the whole referral table in key order).
                select u.month, u.commune_code, u.epci_code, u.need, u.family_key, u.without_solution, k.band,
                       k.children
                from unmet u
                cross join lateral (
                    select /*band*/ as band, count(*) as children
                    from referral r
                    join referral_child c on c.referral_id = r.id
                    cross join lateral (
                        select case when c.birth_date is not null then /*exact*/
                                    else c.age_months + /*kept*/ end as months
                        from (select (coalesce(r.submitted_at, r.created_at) at time zone :zone)::date as day) sent
                    ) a
                    where r.id = u.referral_id
                    group by 1
                ) k
            )
            select g.month, g.commune_code, m.name as commune_name, g.epci_code, p.name as epci_name, g.need, g.band,
                   g.without_solution, g.without_solution_families, g.declined, g.declined_families
            from (
                select month, commune_code, epci_code, need, band,
                       coalesce(sum(children) filter (where without_solution), 0) as without_solution,
                       count(distinct family_key) filter (where without_solution) as without_solution_families,
                       coalesce(sum(children) filter (where not without_solution), 0) as declined,
                       count(distinct family_key) filter (where not without_solution) as declined_families
                from child
                group by month, commune_code, epci_code, need, band
            ) g
            left join commune m on m.insee_code = g.commune_code
            left join epci p on p.code = g.epci_code
            order by g.month, g.commune_code, g.need, g.band"""
            .replace("/*band*/", AgeBand.sqlOrdinal("a.months"))
            .replace("/*exact*/", MONTHS.formatted("r.first_day", "c.birth_date"))
            .replace("/*kept*/", MONTHS.formatted("r.first_day", "sent.day"));

    /**
     * One row of the export.
     *
     * @param withoutSolution children of referrals closed with no solution in the month
     * @param declined children of offers declined in the month, once per offer
     */
    public record Row(YearMonth month, String communeCode, String communeName, String epciCode, String epciName,
            CareNeed need, AgeBand band, Figure withoutSolution, Figure declined) {
    }

    private final JdbcClient jdbc;
    private final StatisticsProperties properties;
    private final Clock clock;

    UnmetNeeds(JdbcClient jdbc, StatisticsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Below this many families a figure reads "&lt; 5". */
    public int minFamilies() {
        return properties.minFamilies();
    }

    /**
     * The rows of the Caf's territory from the first day of {@code from} to the last of {@code to}, narrowed to one
     * EPCI or one commune when given, by month, commune, need and age band; rows without a child are left out.
     *
     * @throws StatisticsNotAllowedException for an advisor's scope
     * @throws IllegalArgumentException for a period ending before it starts or longer than {@value #MAX_MONTHS} months
     */
    @Transactional(readOnly = true)
    public List<Row> rows(StatisticsScope scope, YearMonth from, YearMonth to, String epciCode, String communeCode) {
        if (!scope.caf()) {
            throw new StatisticsNotAllowedException();
        }
        if (to.isBefore(from) || months(from, to) > MAX_MONTHS) {
            throw new IllegalArgumentException("An export covers 1 to " + MAX_MONTHS + " months");
        }
        String condition = communeCode != null ? "and e.commune_code = :territory"
                : epciCode != null ? "and e.epci_code = :territory" : "";
        JdbcClient.StatementSpec statement = jdbc.sql(SQL.replace(TERRITORY, condition))
                .param("departement", scope.departementCode())
                .param("start", from.atDay(1))
                .param("end", to.plusMonths(1).atDay(1))
                .param("zone", clock.getZone().getId());
        if (!condition.isEmpty()) {
            statement = statement.param("territory", communeCode != null ? communeCode : epciCode);
        }
        int min = properties.minFamilies();
        return statement.query((rs, n) -> row(rs, min)).list();
    }

    /** Whether the EPCI has a commune in the département (an EPCI may straddle two). */
    @Transactional(readOnly = true)
    public boolean epciInDepartement(String epciCode, String departementCode) {
        return jdbc.sql("select exists (select 1 from commune where epci_code = ? and departement_code = ?)")
                .param(epciCode).param(departementCode).query(Boolean.class).single();
    }

    /** How many calendar months from the first to the last, both included. */
    public static long months(YearMonth from, YearMonth to) {
        return ChronoUnit.MONTHS.between(from, to) + 1;
    }

    private static Row row(ResultSet rs, int min) throws SQLException {
        LocalDate month = rs.getObject("month", LocalDate.class);
        String need = rs.getString("need");
        return new Row(YearMonth.from(month), rs.getString("commune_code"), rs.getString("commune_name"),
                rs.getString("epci_code"), rs.getString("epci_name"), need == null ? null : CareNeed.valueOf(need),
                AgeBand.values()[rs.getInt("band")],
                Figure.count(rs.getLong("without_solution"), rs.getLong("without_solution_families"), min),
                Figure.count(rs.getLong("declined"), rs.getLong("declined_families"), min));
    }
}
