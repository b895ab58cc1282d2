package fr.passerelle.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OfferRepository extends JpaRepository<Offer, Long> {

    /** An offer with its referral, in one statement. */
    @Query("select o from Offer o join fetch o.referral where o.id = :id")
    Optional<Offer> findWithReferral(long id);

    /** The pending offer of a referral, if any (at most one: offer_one_live_per_referral_uk). */
    @Query("select o from Offer o where o.referral.id = :referralId and o.status = fr.passerelle.routing.OfferStatus.PENDING")
    Optional<Offer> findPending(long referralId);

    /** Pending offers whose deadline has come, oldest deadline first, with their referrals. */
    @Query("""
            select o from Offer o join fetch o.referral
            where o.status = fr.passerelle.routing.OfferStatus.PENDING and o.deadlineAt <= :now order by o.deadlineAt, o.id""")
    List<Offer> findDue(Instant now, Limit limit);
}
