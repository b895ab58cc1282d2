package fr.passerelle.routing.offer;

import java.util.Optional;

import fr.passerelle.referral.IllegalReferralTransitionException;
import fr.passerelle.routing.refusal.RoutingException;

import org.springframework.dao.ConcurrencyFailureException;

/**
 * Why a provider's answer to an offer was refused, as a message code for the page: the signed-in offer page and an
 * email's answer link say it alike.
 */
public final class AnswerRefusals {

    private AnswerRefusals() {
    }

    /** The message code of a refused answer; empty for any other failure (a bug, to be shown as one). */
    public static Optional<String> messageCode(RuntimeException refusal) {
        if (refusal instanceof RoutingException routing) {
            return Optional.of(routing.getMessageCode());
        }
        if (refusal instanceof ConcurrencyFailureException) {
            // An optimistic conflict, or a lock that could not be had (deadlock, lock timeout): said, never a 500.
            return Optional.of("routing.provider.error.stale");
        }
        if (refusal instanceof IllegalReferralTransitionException) {
            return Optional.of("routing.provider.error.referralChanged");
        }
        return Optional.empty();
    }
}
