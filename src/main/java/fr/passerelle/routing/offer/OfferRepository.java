package fr.passerelle.routing.offer;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

interface OfferRepository extends JpaRepository<Offer, Long> {

    /**
     * An offer, its row locked until the transaction ends. Lock its referral first
     * ({@code ReferralRepository.findByIdForUpdate}): referral, then offer, then provider, on every path.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Offer o where o.id = :id")
    Optional<Offer> findByIdForUpdate(long id);

    /**
     * The pending offer of a referral, if any (at most one: offer_one_live_per_referral_uk), its row locked until the
     * transaction ends (lock the referral first).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("""
            select o from Offer o
            where o.referral.id = :referralId and o.status = fr.passerelle.routing.OfferStatus.PENDING""")
    Optional<Offer> findPendingForUpdate(long referralId);

    /** These offers with their referrals, oldest deadline first. */
    @Query("select o from Offer o join fetch o.referral where o.id in :ids order by o.deadlineAt, o.id")
    List<Offer> findWithReferrals(List<Long> ids);
}
