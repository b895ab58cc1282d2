package fr.passerelle.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.AuditedEntity;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.OfferStatus;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.routing.offer.OfferViews;
import fr.passerelle.routing.offer.ProviderOffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answering an offer from its email, without a password: the link stands for its recipient, for that offer only,
 * until the offer's deadline, for one answer. The answer is the signed-in page's ({@link OfferService}), made as the
 * recipient, with every check of that page (the provider still eligible, places left…). Every use of a known link is
 * in the audit trail: opened, answered, or refused and why.
 */
@Service
class AnswerByLink {

    private static final Logger log = LoggerFactory.getLogger(AnswerByLink.class);

    /** Why a link no longer opens its offer; the page says it with {@code notification.answer.refused.<NAME>}. */
    enum Refusal {
        /** Not a link we issued (mistyped, tampered), or its recipient may no longer answer for the provider. */
        INVALID,
        /** The link was used for an answer already. */
        USED,
        /** The offer's deadline has passed. */
        EXPIRED,
        /** The family withdrew its request. */
        CANCELLED,
        /** Someone answered the offer already (on the signed-in page). */
        ANSWERED
    }

    /** A refused link: nothing was changed. */
    static class RefusedException extends RuntimeException {

        private final Refusal refusal;

        RefusedException(Refusal refusal) {
            super("Answer link refused: " + refusal);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }

    /**
     * What the link's page shows: the offer as its provider sees it before accepting, or why it cannot be answered.
     *
     * @param offer {@code null} when refused
     * @param recipientId the account the link stands for
     */
    record Page(Refusal refusal, ProviderOffer offer, long recipientId) {
    }

    private final AnswerLinks links;
    private final UserAccountRepository users;
    private final OfferViews views;
    private final OfferService offers;
    private final AuditTrail audit;
    private final Clock clock;

    AnswerByLink(AnswerLinks links, UserAccountRepository users, OfferViews views, OfferService offers,
            AuditTrail audit, Clock clock) {
        this.links = links;
        this.users = users;
        this.views = views;
        this.offers = offers;
        this.audit = audit;
        this.clock = clock;
    }

    /** Opens the link: the offer to answer, or the refusal; the opening is audited either way. */
    @Transactional
    public Page open(String token) {
        Optional<AnswerLinks.Link> found = links.find(token);
        if (found.isEmpty()) {
            log.info("An answer link that was never issued was opened");
            return new Page(Refusal.INVALID, null, 0);
        }
        AnswerLinks.Link link = found.get();
        Optional<CurrentUser> recipient = recipient(link);
        ProviderOffer offer = recipient.flatMap(user -> views.findForProvider(user, link.offerId())).orElse(null);
        Refusal refusal = offer == null ? Refusal.INVALID : refusal(link, offer, now());
        audit.record(link.recipientId(), AuditedEntity.OFFER.name(), link.offerId(),
                refusal == null ? "ANSWER_LINK_OPENED" : "ANSWER_LINK_REFUSED",
                refusal == null ? Changes.of() : Changes.of().field("refusal", null, refusal.name()));
        return new Page(refusal, refusal == null ? offer : null, link.recipientId());
    }

    /**
     * Accepts the offer as the link's recipient.
     *
     * @return the offer's id
     * @throws RefusedException when the link may not answer (nothing changed)
     * @throws fr.passerelle.routing.refusal.RoutingException when the offer may not be accepted (full, no longer eligible…)
     */
    @Transactional
    public long accept(String token) {
        AnswerLinks.Link link = usable(token);
        offers.accept(recipient(link).orElseThrow(), link.offerId());
        answered(link, OfferStatus.ACCEPTED);
        return link.offerId();
    }

    /**
     * Declines the offer as the link's recipient, with a reason (and a comment for {@link DeclineReason#OTHER}).
     *
     * @return the offer's id
     * @throws RefusedException when the link may not answer (nothing changed)
     */
    @Transactional
    public long decline(String token, DeclineReason reason, String comment) {
        AnswerLinks.Link link = usable(token);
        offers.decline(recipient(link).orElseThrow(), link.offerId(), reason, comment);
        answered(link, OfferStatus.DECLINED);
        return link.offerId();
    }

    /** Audits an answer through a known link that the offer refused (its own transaction: the answer rolled back). */
    @Transactional
    public void recordRefusedAnswer(String token, String why) {
        links.find(token).ifPresent(link -> audit.record(link.recipientId(), AuditedEntity.OFFER.name(),
                link.offerId(), "ANSWER_LINK_REFUSED", Changes.of().field("refusal", null, why)));
    }

    /**
     * The link locked for the answer, or refused: unknown, used, past its expiry, or its recipient gone (disabled,
     * or no longer one of the offer's provider's people).
     */
    private AnswerLinks.Link usable(String token) {
        AnswerLinks.Link link = links.findForUpdate(token).orElseThrow(() -> new RefusedException(Refusal.INVALID));
        if (link.isUsed()) {
            throw new RefusedException(Refusal.USED);
        }
        if (link.isExpired(now())) {
            throw new RefusedException(Refusal.EXPIRED);
        }
        if (recipient(link).flatMap(user -> views.findForProvider(user, link.offerId())).isEmpty()) {
            throw new RefusedException(Refusal.INVALID);
        }
        return link;
    }

    private void answered(AnswerLinks.Link link, OfferStatus answer) {
        Instant now = now();
        links.markUsed(link.id(), answer.name(), now);
        audit.record(link.recipientId(), AuditedEntity.OFFER.name(), link.offerId(), "ANSWERED_BY_LINK",
                Changes.of().field("status", OfferStatus.PENDING.name(), answer.name()));
        log.info("Offer {} answered through an answer link ({})", link.offerId(), answer);
    }

    private static Refusal refusal(AnswerLinks.Link link, ProviderOffer offer, Instant now) {
        if (link.isUsed()) {
            return Refusal.USED;
        }
        return switch (offer.status()) {
            case CANCELLED -> Refusal.CANCELLED;
            case ACCEPTED, DECLINED -> Refusal.ANSWERED;
            case EXPIRED -> Refusal.EXPIRED;
            case PENDING -> link.isExpired(now) || offer.isOverdue(now) ? Refusal.EXPIRED : null;
        };
    }

    /** The recipient as signed in, if the account and its organisation are still active. */
    private Optional<CurrentUser> recipient(AnswerLinks.Link link) {
        return users.findWithOrganisationById(link.recipientId()).map(CurrentUser::of).filter(CurrentUser::isEnabled);
    }


    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
