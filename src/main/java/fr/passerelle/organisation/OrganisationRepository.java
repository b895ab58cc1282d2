package fr.passerelle.organisation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface OrganisationRepository extends JpaRepository<Organisation, Long> {

    @Query("select o from Organisation o where o.kind = :kind and lower(o.name) = lower(:name)")
    Optional<Organisation> findByKindAndName(OrganisationKind kind, String name);

    /** One page of organisations of these kinds, by kind then name (index organisation_kind_name_uk). */
    @Query(value = "select o from Organisation o where o.kind in :kinds order by o.kind, lower(o.name), o.id",
            countQuery = "select count(o) from Organisation o where o.kind in :kinds")
    Page<Organisation> findByKindIn(Collection<OrganisationKind> kinds, Pageable pageable);

    /** What a user can be attached to: active organisations, by kind then name. */
    @Query("select o from Organisation o where o.active order by o.kind, lower(o.name), o.id")
    List<Organisation> findAllActive();

    @Query("select o from Organisation o order by o.kind, lower(o.name), o.id")
    List<Organisation> findAllOrdered();

    /** Active organisations whose lower-cased name is like the pattern (organisation_name_trgm_idx). */
    @Query("select o from Organisation o where o.active and lower(o.name) like :pattern escape '\\'"
            + " order by lower(o.name), o.id")
    List<Organisation> findActiveByNameContaining(String pattern, Pageable page);

    @Query("select o.id from Organisation o where o.active and lower(o.name) = :name order by o.id")
    List<Long> findActiveIdsByName(String name, Pageable page);

    /** The active organisations of a kind in a département (the Caf of a referral's territory). */
    @Query("select o from Organisation o where o.kind = :kind and o.departementCode = :departementCode and o.active"
            + " order by o.id")
    List<Organisation> findActiveByKindAndDepartement(OrganisationKind kind, String departementCode);

    /** The départements where an active organisation of that kind works (where a Caf uses Passerelle). */
    @Query("select distinct o.departementCode from Organisation o where o.kind = :kind and o.active")
    List<String> findActiveDepartements(OrganisationKind kind);
}
