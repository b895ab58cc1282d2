package fr.passerelle.organisation;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface UserAccountRepository extends JpaRepository<UserAccount, Long>, JpaSpecificationExecutor<UserAccount> {

    /** The account with its organisation, in one statement: what signing in needs. */
    @Query("select u from UserAccount u join fetch u.organisation where u.username = :username")
    Optional<UserAccount> findWithOrganisationByUsername(String username);

    @Query("select u from UserAccount u join fetch u.organisation where u.id = :id")
    Optional<UserAccount> findWithOrganisationById(long id);

    boolean existsByUsername(String username);

    /**
     * Ends the open sessions of every account of the organisation (see {@code SessionValidityFilter}), when what
     * they signed in with (its département, its being active) no longer holds. The version moves too, so that a
     * form read before cannot write the old stamp back.
     */
    @Modifying(flushAutomatically = true)
    @Query("update UserAccount u set u.sessionStamp = u.sessionStamp + 1, u.version = u.version + 1"
            + " where u.organisation.id = :organisationId")
    int endSessionsOfOrganisation(long organisationId);

    boolean existsByRoleAndEnabledTrue(Role role);

    /** The enabled accounts of one role in an organisation (a provider's people, told of its offers). */
    @Query("select u from UserAccount u where u.organisation.id = :organisationId and u.role = :role and u.enabled"
            + " order by u.id")
    List<UserAccount> findEnabledByOrganisationAndRole(long organisationId, Role role);

    /** The enabled accounts of one role in the active organisations of a kind in a département (a Caf's officers). */
    @Query("select u from UserAccount u join u.organisation o where o.departementCode = :departementCode"
            + " and o.kind = :kind and o.active and u.role = :role and u.enabled order by u.id")
    List<UserAccount> findEnabledInDepartement(String departementCode, OrganisationKind kind, Role role);
}
