package fr.passerelle.referral;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

public interface ReferralRepository extends JpaRepository<Referral, Long>, JpaSpecificationExecutor<Referral> {

    Optional<Referral> findByCreationToken(UUID creationToken);

    /**
     * A referral, its row locked until the transaction ends ({@code select … for update}). Every change of a
     * referral's offers locks the referral first, then the offer, then the provider: one order, no deadlock.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Referral r where r.id = :id")
    Optional<Referral> findByIdForUpdate(Long id);

    /**
     * A referral with the people its page names and its children, in one statement (the children loaded apart cost
     * a second statement and the collection's initialisation, 5 % of a candidates page).
     */
    @Query("""
            select r from Referral r join fetch r.organisation join fetch r.createdBy
            left join fetch r.consentCollectedBy left join fetch r.children where r.id = :id""")
    Optional<Referral> findDetailedById(Long id);

    /**
     * A referral with its children only, in one statement, for a page that names nobody of the referral's
     * organisation (the routing page): its organisation and two users, joined and loaded as entities at every view,
     * were never read there.
     */
    @Query("select r from Referral r left join fetch r.children where r.id = :id")
    Optional<Referral> findWithChildrenById(Long id);

    /** The timeline with who did what and for which organisation, in one statement; system moves have no actor. */
    @Query("""
            select t from ReferralTransition t left join fetch t.actor a left join fetch a.organisation
            where t.referral.id = :referralId order by t.occurredAt, t.id""")
    List<ReferralTransition> findTimeline(Long referralId);
}
