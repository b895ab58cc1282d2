package fr.passerelle.provider;

import java.util.Optional;

import fr.passerelle.organisation.Organisation;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface CrecheRepository extends JpaRepository<Creche, Long> {

    Optional<Creche> findByOrganisation(Organisation organisation);

    @Query("select c from Creche c join fetch c.organisation where c.id = :id")
    Optional<Creche> findWithOrganisationById(long id);

    /** Raises the version at flush even when only the organisation changed. */
    @Lock(LockModeType.OPTIMISTIC_FORCE_INCREMENT)
    @Query("select c from Creche c where c = :creche")
    Optional<Creche> lockForceIncrement(Creche creche);
}
