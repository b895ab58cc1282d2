package fr.passerelle.statistics;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;
import fr.passerelle.statistics.Cube.Grouping;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The statistics' queries: aggregates computed by PostgreSQL over {@code statistics_event} (one statement for every
 * indicator, breakdown and trend), per provider, and the AVIP places of the territory.
 */
@Service
public class StatisticsQueries {

    /**
     * The aggregates of one group of events: how many, from how many families (counted exactly: they decide the
     * masking), how many count in their kind's rate, and the median and 90th percentile of the delays.
     */
    private static final String AGGREGATES = """
            count(*) as n, count(distinct family_key) as families,
            count(*) filter (where hit) as hits, count(distinct family_key) filter (where hit) as hit_families,
            count(distinct family_key) filter (where hours is not null) as timed_families""";

    private static final String PERCENTILES = """
            percentile_cont(0.5) within group (order by hours) filter (where hours is not null) as p50,
            percentile_cont(0.9) within group (order by hours) filter (where hours is not null) as p90""";

    private static final String NO_PERCENTILES = "null::float8 as p50, null::float8 as p90";

    /**
     * Every indicator, breakdown and trend in one statement: the scope's events of the period are read once, then
     * each grouping aggregates only the kinds of events the page shows by it (the median and percentiles only where
     * the page shows delays), which keeps the sorts that distinct counts and percentiles need small.
     */
    private static final String CUBE = """
            with e as materialized (
                select e.kind, e.reason, e.detail, e.provider_kind, e.epci_code, e.family_key, e.hit, e.hours,
                       date_trunc(:unit, e.occurred_on)::date::text as bucket, /*dim*/ as dim
                from statistics_event e
                where /*scope*/ and e.occurred_on between :from and :to
                  and (e.kind <> 'OUTCOME_DUE' or e.occurred_on <= :today)
                  /*filters*/
            )
            select 'TOTAL' as grouping, kind, null as first, null as second, /*aggregates*/, /*percentiles*/
            from e group by kind
            union all
            select 'BUCKET', kind, bucket, null, /*aggregates*/, /*none*/
            from e where kind in ('FILED', 'SENT', 'DECIDED', 'CARE_ARRANGED', 'NO_SOLUTION', 'OUTCOME')
            group by kind, bucket
            union all
            select case when grouping(detail) = 1 then 'REASON' else 'REASON_DETAIL' end, kind, reason, detail,
                   /*aggregates*/, /*none*/
            from e where kind in ('DECIDED', 'OFFER', 'NO_SOLUTION', 'OUTCOME')
            group by kind, grouping sets ((reason), (reason, detail))
            union all
            select case when grouping(reason) = 1 then 'PROVIDER_KIND' else 'PROVIDER_KIND_REASON' end, kind,
                   provider_kind, reason, /*aggregates*/, /*percentiles*/
            from e where kind in ('ANSWER_DUE', 'OFFER', 'CARE_ARRANGED')
            group by kind, grouping sets ((provider_kind), (provider_kind, reason))
            union all
            select 'EPCI', kind, epci_code, null, /*aggregates*/, /*none*/
            from e where kind in ('NO_SOLUTION', 'CARE_ARRANGED', 'SENT')
            group by kind, epci_code
            union all
            select 'BREAKDOWN', kind, dim, null, /*aggregates*/, /*percentiles*/
            from e where kind in ('CARE_ARRANGED', 'SENT', 'DECIDED', 'NO_SOLUTION', 'OUTCOME')
            group by kind, dim
            order by kind, grouping, first, second"""
            .replace("/*aggregates*/", AGGREGATES).replace("/*percentiles*/", PERCENTILES)
            .replace("/*none*/", NO_PERCENTILES);

    /**
     * One provider's offers sent in the period.
     *
     * @param answerDue offers answered or expired, with those answered within 24 hours as hits and the answer delays
     */
    public record ProviderRow(long organisationId, String name, String providerKind, Cell offers, Cell accepted,
            Cell declined, Cell expired, Cell answerDue) {
    }

    /**
     * The AVIP places of one kind of provider in the territory over the period.
     *
     * @param providers providers offering places on some day of the period
     * @param places their places (childminders' AVIP places, crèches' emergency places)
     * @param placeDays places times the days of the period each provider offered them
     * @param usedPlaceDays held places times the days of the period they were held
     * @param families families whose child held a place
     */
    public record PlacesRow(String providerKind, long providers, long places, long placeDays, long usedPlaceDays,
            long families) {
    }

    private final JdbcClient jdbc;

    StatisticsQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Cube cube(StatisticsScope scope, Period period, Breakdown breakdown, CareNeed need, Purpose purpose,
            LocalDate today) {
        String filters = filters("e", need, purpose);
        var statement = jdbc.sql(CUBE.replace("/*dim*/", breakdown.expression()).replace("/*scope*/", scope.condition())
                        .replace("/*filters*/", filters))
                .param("unit", period.trend().unit())
                .param("scope", scope.parameter())
                .param("from", Date.valueOf(period.from()))
                .param("to", Date.valueOf(period.to()))
                .param("today", Date.valueOf(today));
        statement = filterParameters(statement, need, purpose);
        // JIT compiling the aggregates cost more than it saved (50 ms a page); the sorts of a busy territory's year
        // (a quarter of a million events) fit in memory rather than in temporary files.
        jdbc.sql("select set_config('jit', 'off', true), set_config('work_mem', '32MB', true)").query(Object.class)
                .list();
        Cube cube = new Cube();
        statement.query((ResultSet rs) -> {
            cube.put(Grouping.valueOf(rs.getString("grouping")), rs.getString("kind"), rs.getString("first"),
                    rs.getString("second"), cell(rs));
        });
        return cube;
    }

    /**
     * The offers of each provider of the Caf's territory sent in the period, the busiest first; only those made for
     * referrals of that need and purpose when they are given.
     */
    @Transactional(readOnly = true)
    public List<ProviderRow> providers(StatisticsScope scope, Period period, CareNeed need, Purpose purpose,
            int limit) {
        if (!scope.caf()) {
            return List.of();
        }
        var statement = jdbc.sql("""
                        select e.provider_organisation_id, o.name, e.provider_kind,
                               count(*) as n, count(distinct e.family_key) as families,
                               count(*) filter (where e.reason = 'ACCEPTED') as accepted,
                               count(distinct e.family_key) filter (where e.reason = 'ACCEPTED') as accepted_families,
                               count(*) filter (where e.reason = 'DECLINED') as declined,
                               count(distinct e.family_key) filter (where e.reason = 'DECLINED') as declined_families,
                               count(*) filter (where e.reason = 'EXPIRED') as expired,
                               count(distinct e.family_key) filter (where e.reason = 'EXPIRED') as expired_families,
                               count(*) filter (where e.reason in ('ACCEPTED', 'DECLINED', 'EXPIRED')) as due,
                               count(distinct e.family_key) filter (where e.reason in ('ACCEPTED', 'DECLINED', 'EXPIRED'))
                                   as due_families,
                               count(*) filter (where e.hours <= 24) as hits,
                               count(distinct e.family_key) filter (where e.hours <= 24) as hit_families,
                               count(distinct e.family_key) filter (where e.hours is not null) as timed_families,
                               percentile_cont(0.5) within group (order by e.hours) as p50,
                               percentile_cont(0.9) within group (order by e.hours) as p90
                        from statistics_event e
                        join organisation o on o.id = e.provider_organisation_id
                        where e.departement_code = :scope and e.kind = 'OFFER' and e.occurred_on between :from and :to
                          /*filters*/
                        group by e.provider_organisation_id, o.name, e.provider_kind
                        order by n desc, o.name
                        limit :limit""".replace("/*filters*/", filters("e", need, purpose)))
                .param("scope", scope.departementCode())
                .param("from", Date.valueOf(period.from()))
                .param("to", Date.valueOf(period.to()))
                .param("limit", limit);
        return filterParameters(statement, need, purpose)
                .query((rs, row) -> new ProviderRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        count(rs, "n", "families"), count(rs, "accepted", "accepted_families"),
                        count(rs, "declined", "declined_families"), count(rs, "expired", "expired_families"),
                        new Cell(rs.getLong("due"), rs.getLong("due_families"), rs.getLong("hits"),
                                rs.getLong("hit_families"), rs.getLong("timed_families"), number(rs, "p50"),
                                number(rs, "p90"))))
                .list();
    }

    /**
     * The AVIP places of the Caf's territory: childminders whose current label (not revoked) covers some day of the
     * period, active crèches with emergency places, and the places held by accepted offers in the period (until their
     * last day or their release). A need or a purpose narrows the places held to those of such referrals; the places
     * offered are the providers' whatever the need.
     */
    @Transactional(readOnly = true)
    public List<PlacesRow> places(StatisticsScope scope, Period period, CareNeed need, Purpose purpose, String zone) {
        if (!scope.caf()) {
            return List.of();
        }
        var statement = jdbc.sql("""
                        with p as (
                            select 'CHILDMINDER' as kind, c.id, c.avip_places as places,
                                   greatest(l.valid_from, :from) as first_day, least(l.valid_to, :to) as last_day
                            from childminder c
                            join commune m on m.insee_code = c.commune_code
                            join lateral (select * from avip_label l where l.childminder_id = c.id
                                          order by l.id desc limit 1) l on true
                            where m.departement_code = :scope and c.active and c.avip_places > 0
                              and l.revoked_at is null and l.valid_from <= :to and l.valid_to >= :from
                            union all
                            select 'CRECHE', cr.id, cr.emergency_places, :from, :to
                            from creche cr
                            join organisation o on o.id = cr.organisation_id
                            where o.departement_code = :scope and o.active and cr.emergency_places > 0
                        ), h as (
                            select h.provider_kind as kind, h.places, r.france_travail_id,
                                   greatest(h.first_day, :from) as first_day,
                                   least(h.last_day, coalesce((h.released_at at time zone :zone)::date, h.last_day), :to)
                                       as last_day
                            from p
                            join place_hold h on h.provider_kind = p.kind and h.provider_id = p.id
                            join offer o on o.id = h.offer_id
                            join referral r on r.id = o.referral_id
                            where h.first_day <= :to and h.last_day >= :from
                              /*filters*/
                        ), offered as (
                            select kind, count(*) as providers, sum(places) as places,
                                   sum(places * (last_day - first_day + 1)) as place_days
                            from p group by kind
                        ), used as (
                            select kind, sum(places * (last_day - first_day + 1)) as used_days,
                                   count(distinct france_travail_id) as families
                            from h where last_day >= first_day group by kind
                        )
                        select k.kind, coalesce(offered.providers, 0), coalesce(offered.places, 0),
                               coalesce(offered.place_days, 0), coalesce(used.used_days, 0), coalesce(used.families, 0)
                        from (values ('CHILDMINDER'), ('CRECHE')) k (kind)
                        left join offered on offered.kind = k.kind
                        left join used on used.kind = k.kind
                        order by k.kind""".replace("/*filters*/", filters("r", need, purpose)))
                .param("scope", scope.departementCode())
                .param("from", Date.valueOf(period.from()))
                .param("to", Date.valueOf(period.to()))
                .param("zone", zone);
        return filterParameters(statement, need, purpose)
                .query((rs, row) -> new PlacesRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)))
                .list();
    }

    /** Names of organisations, communes or EPCIs by id or code, for the breakdown's rows. */
    @Transactional(readOnly = true)
    public Map<String, String> names(Breakdown breakdown, Collection<String> keys) {
        Map<String, String> names = new HashMap<>();
        if (keys.isEmpty()) {
            return names;
        }
        String sql = switch (breakdown) {
            case PRESCRIBER -> "select id::text, name from organisation where id::text in (:keys)";
            case COMMUNE -> "select insee_code, name from commune where insee_code in (:keys)";
            case EPCI -> "select code, name from epci where code in (:keys)";
            default -> null;
        };
        if (sql != null) {
            jdbc.sql(sql).param("keys", keys).query((ResultSet rs) -> {
                names.put(rs.getString(1), rs.getString(2));
            });
        }
        return names;
    }

    /** The conditions of the need and purpose filters on the rows of {@code alias}, each when it is given. */
    private static String filters(String alias, CareNeed need, Purpose purpose) {
        return (need != null ? " and " + alias + ".need = :need" : "")
                + (purpose != null ? " and " + alias + ".purpose = :purpose" : "");
    }

    private static JdbcClient.StatementSpec filterParameters(JdbcClient.StatementSpec statement, CareNeed need,
            Purpose purpose) {
        if (need != null) {
            statement = statement.param("need", need.name());
        }
        if (purpose != null) {
            statement = statement.param("purpose", purpose.name());
        }
        return statement;
    }

    private static Cell cell(ResultSet rs) throws SQLException {
        return new Cell(rs.getLong("n"), rs.getLong("families"), rs.getLong("hits"), rs.getLong("hit_families"),
                rs.getLong("timed_families"), number(rs, "p50"), number(rs, "p90"));
    }

    private static Cell count(ResultSet rs, String column, String families) throws SQLException {
        return new Cell(rs.getLong(column), rs.getLong(families), 0, 0, 0, null, null);
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
