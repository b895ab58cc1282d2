package fr.passerelle.provider;

import java.util.Optional;

import fr.passerelle.organisation.Organisation;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface HomeCareServiceRepository extends JpaRepository<HomeCareService, Long> {

    Optional<HomeCareService> findByOrganisation(Organisation organisation);

    @Query("select s from HomeCareService s join fetch s.organisation where s.id = :id")
    Optional<HomeCareService> findWithOrganisationById(long id);
}
