package fr.passerelle.relais;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface LabelApplicationRepository extends JpaRepository<LabelApplication, Long> {

    /** Serialises the steps of one application: of two decisions at once, the second sees the first. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from LabelApplication a where a.id = ?1")
    Optional<LabelApplication> findForUpdate(long id);

    /** Her latest application (label_application_childminder_idx). */
    Optional<LabelApplication> findFirstByChildminderIdOrderByIdDesc(long childminderId);
}
