package fr.passerelle.provider;

import java.util.Optional;

import fr.passerelle.organisation.Organisation;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CrecheRepository extends JpaRepository<Creche, Long> {

    Optional<Creche> findByOrganisation(Organisation organisation);
}
