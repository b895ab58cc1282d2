package fr.passerelle.organisation;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface OrganisationRepository extends JpaRepository<Organisation, Long> {

    @Query("select o from Organisation o where o.kind = :kind and lower(o.name) = lower(:name)")
    Optional<Organisation> findByKindAndName(OrganisationKind kind, String name);
}
