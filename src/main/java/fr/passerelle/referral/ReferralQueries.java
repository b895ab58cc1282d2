package fr.passerelle.referral;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import fr.passerelle.system.Pages;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.query.QueryUtils;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists of referrals, one page at a time: a page costs three statements (the page's ids, their rows, and the count
 * when the page is full) whatever its size, and each filter and order has an index (see V4__referrals.sql,
 * V13__referral_list_cover.sql).
 */
@Component
public class ReferralQueries {

    public static final int PAGE_SIZE = 20;

    private final ReferralRepository referrals;
    private final EntityManager entityManager;

    ReferralQueries(ReferralRepository referrals, EntityManager entityManager) {
        this.referrals = referrals;
        this.entityManager = entityManager;
    }

    /** An organisation's referrals ("Mes orientations"); {@code search} matches the parent's name or identifier. */
    @Transactional(readOnly = true)
    public Page<Referral> forOrganisation(long organisationId, ReferralFilter filter, String search) {
        Specification<Referral> specification = (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.equal(root.get("organisation").get("id"), organisationId));
            if (filter.getStatus() != null) {
                where.add(cb.equal(root.get("status"), filter.getStatus()));
            }
            if (filter.getPurpose() != null) {
                where.add(cb.equal(root.get("purpose"), filter.getPurpose()));
            }
            if (filter.getNeed() != null) {
                where.add(cb.equal(root.get("need"), filter.getNeed()));
            }
            if (filter.getFrom() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("firstDay"), filter.getFrom()));
            }
            if (filter.getTo() != null) {
                where.add(cb.lessThanOrEqualTo(root.get("firstDay"), filter.getTo()));
            }
            if (search != null && !search.isBlank()) {
                String identifier = FranceTravailIdentifier.normalise(search);
                String name = Referral.searchable(search);
                where.add(cb.or(cb.equal(root.get("franceTravailId"), identifier),
                        cb.like(root.get("parentSearchName"), "%" + escapeLike(name) + "%", '\\')));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        return Pages.orLast(PageRequest.of(filter.getPage(), PAGE_SIZE, order(filter.getSort())),
                request -> page(specification, request));
    }

    /**
     * A page read in two steps: its ids first, from an index that holds the filter, the order and the id (an
     * index-only scan: a deep page skips index entries, not rows — page 1,000 of an agency's 30,000 referrals costs
     * what the first does), then those rows. The count runs only when the page is full.
     */
    private Page<Referral> page(Specification<Referral> specification, PageRequest request) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Long> idQuery = cb.createQuery(Long.class);
        Root<Referral> root = idQuery.from(Referral.class);
        idQuery.select(root.get("id")).where(specification.toPredicate(root, idQuery, cb))
                .orderBy(QueryUtils.toOrders(request.getSort(), root, cb));
        List<Long> ids = entityManager.createQuery(idQuery)
                .setFirstResult((int) request.getOffset())
                .setMaxResults(request.getPageSize())
                .getResultList();
        Map<Long, Referral> rows = new HashMap<>();
        if (!ids.isEmpty()) {
            referrals.findAllById(ids).forEach(referral -> rows.put(referral.getId(), referral));
        }
        List<Referral> content = ids.stream().map(rows::get).filter(Objects::nonNull).toList();
        return PageableExecutionUtils.getPage(content, request, () -> count(specification));
    }

    private long count(Specification<Referral> specification) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Long> countQuery = cb.createQuery(Long.class);
        Root<Referral> root = countQuery.from(Referral.class);
        countQuery.select(cb.count(root)).where(specification.toPredicate(root, countQuery, cb));
        return entityManager.createQuery(countQuery).getSingleResult();
    }

    private static Sort order(ReferralFilter.Sort sort) {
        return switch (sort) {
            case CREATED -> Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));
            case FIRST_DAY -> Sort.by(Sort.Order.asc("firstDay").nullsLast(), Sort.Order.desc("id"));
            case WAITING -> Sort.by(Sort.Order.asc("lastTransitionAt"), Sort.Order.asc("id"));
        };
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
