package fr.passerelle.provider;

import java.util.Optional;

import fr.passerelle.organisation.Organisation;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface HomeCareServiceRepository extends JpaRepository<HomeCareService, Long> {

    Optional<HomeCareService> findByOrganisation(Organisation organisation);

    @Query("select s from HomeCareService s join fetch s.organisation where s.id = :id")
    Optional<HomeCareService> findWithOrganisationById(long id);

    /** Raises the version at flush even when only the coverage or the organisation changed. */
    @Lock(LockModeType.OPTIMISTIC_FORCE_INCREMENT)
    @Query("select s from HomeCareService s where s = :service")
    Optional<HomeCareService> lockForceIncrement(HomeCareService service);
}
