package fr.passerelle.provider;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ChildminderRepository extends JpaRepository<Childminder, Long> {

    Optional<Childminder> findByAgreementNumber(String agreementNumber);
}
