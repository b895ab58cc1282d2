package fr.passerelle.provider;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface ChildminderRepository extends JpaRepository<Childminder, Long> {

    Optional<Childminder> findByAgreementNumber(String agreementNumber);

    /** Agreement numbers are compared without regard to case: "ag-1" and "AG-1" are the same agreement. */
    @Query("select c from Childminder c where upper(c.agreementNumber) = upper(?1)")
    Optional<Childminder> findByAgreementNumberIgnoringCase(String agreementNumber);

    /** Serialises label changes of one childminder, so that two grants never race. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Childminder c where c.id = ?1")
    Optional<Childminder> findForUpdate(long id);
}
