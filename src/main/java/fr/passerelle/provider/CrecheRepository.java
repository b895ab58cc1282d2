package fr.passerelle.provider;

import java.util.Optional;

import fr.passerelle.organisation.Organisation;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface CrecheRepository extends JpaRepository<Creche, Long> {

    Optional<Creche> findByOrganisation(Organisation organisation);

    @Query("select c from Creche c join fetch c.organisation where c.id = :id")
    Optional<Creche> findWithOrganisationById(long id);
}
