package fr.passerelle.provider.label;

import fr.passerelle.provider.Childminder;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;


public interface AvipLabelRepository extends JpaRepository<AvipLabel, Long> {

    List<AvipLabel> findByChildminderOrderByValidFromDesc(Childminder childminder);

    /** The current label: the latest granted (index avip_label_current_idx). */
    Optional<AvipLabel> findFirstByChildminderIdOrderByIdDesc(long childminderId);
}
