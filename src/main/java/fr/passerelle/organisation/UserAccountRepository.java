package fr.passerelle.organisation;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

    /** The account with its organisation, in one statement: what signing in needs. */
    @Query("select u from UserAccount u join fetch u.organisation where u.username = :username")
    Optional<UserAccount> findWithOrganisationByUsername(String username);

    boolean existsByUsername(String username);

    boolean existsByRoleAndEnabledTrue(Role role);
}
