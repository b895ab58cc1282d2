package fr.passerelle.provider;

import java.util.Optional;

import fr.passerelle.organisation.Organisation;

import org.springframework.data.jpa.repository.JpaRepository;

public interface HomeCareServiceRepository extends JpaRepository<HomeCareService, Long> {

    Optional<HomeCareService> findByOrganisation(Organisation organisation);
}
