package fr.passerelle.provider;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AvipLabelRepository extends JpaRepository<AvipLabel, Long> {

    List<AvipLabel> findByChildminderOrderByValidFromDesc(Childminder childminder);
}
