package fr.passerelle.referral;

import java.util.ArrayList;
import java.util.List;

import fr.passerelle.system.Pages;
import jakarta.persistence.criteria.Predicate;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists of referrals, one page at a time: a page costs two statements (the rows and the count) whatever its size,
 * and each filter and order has an index (see V4__referrals.sql).
 */
@Component
public class ReferralQueries {

    public static final int PAGE_SIZE = 20;

    private final ReferralRepository referrals;

    ReferralQueries(ReferralRepository referrals) {
        this.referrals = referrals;
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
                request -> referrals.findAll(specification, request));
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
