package fr.passerelle.referral;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import fr.passerelle.system.CappedCounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Mes orientations", one page at a time, read by keyset: a page is the referrals that follow, in the list's order,
 * the last one of the page before ({@code after}, its id). A page costs three statements whatever its depth: its ids,
 * from an index that holds the filter, the order and the id (an index-only scan that starts at the key: page 1,000 of
 * an agency's 30,000 referrals costs what the first does); their rows; and the count of the list, capped
 * ({@link CappedCounts}). Each filter and order has an index (V4__referrals.sql, V13__referral_list_cover.sql).
 */
@Component
public class ReferralQueries {

    public static final int PAGE_SIZE = 20;

    /**
     * A page of the list.
     *
     * @param rows the page's referrals, in the list's order
     * @param number the page's number, from 1, as the links carry it (shown only)
     * @param first whether this is the first page (no key)
     * @param nextAfter the key of the next page, {@code null} on the last
     * @param total the referrals the filters select, up to {@link CappedCounts#CAP} + 1 ("1 000+")
     */
    public record ReferralPage(List<Referral> rows, int number, boolean first, Long nextAfter, long total) {

        public boolean totalCapped() {
            return CappedCounts.isCapped(total);
        }
    }

    private final ReferralRepository referrals;
    private final JdbcClient jdbc;

    ReferralQueries(ReferralRepository referrals, JdbcClient jdbc) {
        this.referrals = referrals;
        this.jdbc = jdbc;
    }

    /**
     * An organisation's referrals ("Mes orientations"); {@code search} matches the parent's name or identifier. A key
     * that is not one of the organisation's referrals reads nothing.
     */
    @Transactional(readOnly = true)
    public ReferralPage forOrganisation(long organisationId, ReferralFilter filter, String search) {
        Map<String, Object> params = new HashMap<>();
        params.put("organisation", organisationId);
        StringBuilder where = new StringBuilder("r.organisation_id = :organisation");
        if (filter.getStatus() != null) {
            where.append(" and r.status = :status");
            params.put("status", filter.getStatus().name());
        }
        if (filter.getPurpose() != null) {
            where.append(" and r.purpose = :purpose");
            params.put("purpose", filter.getPurpose().name());
        }
        if (filter.getNeed() != null) {
            where.append(" and r.need = :need");
            params.put("need", filter.getNeed().name());
        }
        if (filter.getFrom() != null) {
            where.append(" and r.first_day >= :from");
            params.put("from", Date.valueOf(filter.getFrom()));
        }
        if (filter.getTo() != null) {
            where.append(" and r.first_day <= :to");
            params.put("to", Date.valueOf(filter.getTo()));
        }
        if (search != null && !search.isBlank()) {
            where.append(" and (r.france_travail_id = :identifier or r.parent_search_name like :name escape '\\')");
            params.put("identifier", FranceTravailIdentifier.normalise(search));
            params.put("name", "%" + escapeLike(Referral.searchable(search)) + "%");
        }
        boolean keyed = filter.getAfter() != null;
        StringBuilder page = new StringBuilder(where);
        if (keyed) {
            // The key's row, in the user's organisation, or none: then the page is empty.
            page.append(" and exists (select 1 from referral k where k.id = :after and k.organisation_id = :organisation)")
                    .append(" and ").append(after(filter.getSort()));
            params.put("after", filter.getAfter());
        }
        List<Long> ids = jdbc.sql("select r.id from referral r where " + page + " order by "
                + order(filter.getSort()) + " limit " + (PAGE_SIZE + 1))
                .params(params).query(Long.class).list();
        boolean more = ids.size() > PAGE_SIZE;
        List<Long> shown = more ? ids.subList(0, PAGE_SIZE) : ids;
        Map<Long, Referral> rows = new HashMap<>();
        if (!shown.isEmpty()) {
            referrals.findAllById(shown).forEach(referral -> rows.put(referral.getId(), referral));
        }
        long total = jdbc.sql("select " + CappedCounts.of("select 1 from referral r where " + where))
                .params(params).query(Long.class).single();
        return new ReferralPage(shown.stream().map(rows::get).filter(Objects::nonNull).toList(),
                keyed ? Math.max(2, filter.getPage()) : 1, !keyed, more ? shown.get(shown.size() - 1) : null,
                total);
    }

    /** The order of each sort, the id last: the key of a row is its place in the order. */
    private static String order(ReferralFilter.Sort sort) {
        return switch (sort) {
            case CREATED -> "r.created_at desc, r.id desc";
            case FIRST_DAY -> "r.first_day nulls last, r.id desc";
            case WAITING -> "r.last_transition_at, r.id";
        };
    }

    /**
     * The rows after the key's row in that order. The key's values are read by subqueries that do not depend on the
     * row ({@link #key}): PostgreSQL runs them once, before the scan, and then starts the index scan at the key
     * (a join with the key's row was a filter over every row before it: 27 ms at page 1,000).
     */
    private static String after(ReferralFilter.Sort sort) {
        return switch (sort) {
            case CREATED -> "(r.created_at, r.id) < (" + key("created_at") + ", :after)";
            case WAITING -> "(r.last_transition_at, r.id) > (" + key("last_transition_at") + ", :after)";
            // First days ascending with the days left blank (drafts) last, then ids descending.
            case FIRST_DAY -> "(case when " + key("first_day") + " is null then r.first_day is null and r.id < :after"
                    + " else r.first_day > " + key("first_day") + " or r.first_day is null"
                    + " or (r.first_day = " + key("first_day") + " and r.id < :after) end)";
        };
    }

    private static String key(String column) {
        return "(select k." + column + " from referral k where k.id = :after and k.organisation_id = :organisation)";
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
