package fr.passerelle.organisation;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface UserAccountRepository extends JpaRepository<UserAccount, Long>, JpaSpecificationExecutor<UserAccount> {

    /** The account with its organisation, in one statement: what signing in needs. */
    @Query("select u from UserAccount u join fetch u.organisation where u.username = :username")
    Optional<UserAccount> findWithOrganisationByUsername(String username);

    @Query("select u from UserAccount u join fetch u.organisation where u.id = :id")
    Optional<UserAccount> findWithOrganisationById(long id);

    boolean existsByUsername(String username);

    boolean existsByRoleAndEnabledTrue(Role role);
}
