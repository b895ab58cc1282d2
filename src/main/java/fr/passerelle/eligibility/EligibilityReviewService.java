package fr.passerelle.eligibility;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralChild;
import fr.passerelle.referral.ReferralRepository;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.Pages;
import fr.passerelle.system.StaleDataException;
import jakarta.persistence.criteria.Predicate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * The Caf officer's work: the queue of the territory's submitted referrals, the automatic checklist, and the
 * decision, recorded with the rule results and parameters of that moment.
 */
@Service
public class EligibilityReviewService {

    public static final int PAGE_SIZE = 20;

    private final ReferralRepository referrals;
    private final UserAccountRepository users;
    private final EligibilityChecklist checklist;
    private final EligibilityProperties properties;
    private final EligibilityDecisions decisions;
    private final PurposeSettings purposes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EligibilityReviewService(ReferralRepository referrals, UserAccountRepository users, EligibilityChecklist checklist,
            EligibilityProperties properties, EligibilityDecisions decisions, PurposeSettings purposes,
            ApplicationEventPublisher events, Clock clock) {
        this.referrals = referrals;
        this.purposes = purposes;
        this.users = users;
        this.checklist = checklist;
        this.properties = properties;
        this.decisions = decisions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The same service reading another clock, to replay a decision as of another moment with the rules of that
     * moment (the demo data). Not a Spring proxy: it runs in the caller's transaction. The pages never use it.
     */
    public EligibilityReviewService withClock(Clock otherClock) {
        return new EligibilityReviewService(referrals, users, checklist, properties, decisions, purposes, events,
                otherClock);
    }

    /**
     * The territory's referrals waiting in one status: emergencies first, then the longest waiting. A page costs
     * two statements (rows and count), served by {@code referral_queue_id_idx} (an index-only count).
     */
    @Transactional(readOnly = true)
    public Page<Referral> queue(CurrentUser officer, QueueFilter filter) {
        Specification<Referral> specification = (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.equal(root.get("departementCode"), officer.getDepartementCode()));
            // The status written in the statement rather than bound: a few referrals wait in a status where most
            // have left it, and with the status as a parameter PostgreSQL planned the statements again at every
            // view (0.4 ms of planning for 0.25 ms of work, the national data).
            where.add(cb.equal(root.get("status"), cb.literal(filter.getStatus())));
            where.add(cb.isNotNull(root.get("submittedAt")));
            if (filter.getNeed() != null) {
                where.add(cb.equal(root.get("need"), filter.getNeed()));
            }
            if (filter.getPurpose() != null) {
                where.add(cb.equal(root.get("purpose"), filter.getPurpose()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        Sort order = Sort.by(Sort.Order.desc("emergency"), Sort.Order.asc("submittedAt"), Sort.Order.asc("id"));
        return Pages.orLast(PageRequest.of(filter.getPage(), PAGE_SIZE, order),
                request -> referrals.findAll(specification, request));
    }

    /**
     * A referral of the officer's territory that has been sent to the Caf; 404 for anything else, a draft withdrawn
     * before it was ever sent included.
     */
    @Transactional(readOnly = true)
    public Referral get(CurrentUser officer, long id) {
        Referral referral = referrals.findDetailedById(id).orElseThrow(NotFoundException::new);
        if (!officer.getDepartementCode().equals(referral.getDepartementCode())
                || referral.getSubmittedAt() == null) {
            throw new NotFoundException();
        }
        referral.getChildren().size();
        return referral;
    }

    /** The checklist as it stands now: today's thresholds, the purposes in force when the referral was sent. */
    public List<RuleResult> checklist(CurrentUser officer, Referral referral) {
        return checklist.evaluate(facts(referral), parameters(officer, referral));
    }

    /**
     * The parameters of a decision on this referral now: the thresholds of the configuration, and the eligible
     * purposes of the officer's Caf as they stood when the referral was sent ("existing referrals keep the rule of
     * their day"); a referral not sent yet takes today's.
     */
    @Transactional(readOnly = true)
    public EligibilityParameters parameters(CurrentUser officer, Referral referral) {
        Instant sent = referral.getSubmittedAt() != null ? referral.getSubmittedAt() : clock.instant();
        PurposeSetting inForce = purposes.inForce(officer.getDepartementCode(), sent);
        return properties.parametersFor(officer.getDepartementCode(), LocalDate.now(clock), inForce.eligible(),
                LocalDate.ofInstant(sent, clock.getZone()));
    }

    @Transactional(readOnly = true)
    public List<RecordedDecision> decisions(long referralId) {
        return decisions.forReferral(referralId);
    }

    /**
     * Checks the decision form against the rules of the moment (a reason to refuse, a question to ask, a
     * justification to declare eligible despite a rule failed or that could not be checked) and, when it holds, records it and moves the referral.
     *
     * @return whether the decision was taken; when not, {@code errors} says why, field by field
     */
    @Transactional
    public boolean decide(CurrentUser officer, long id, DecisionForm form, Errors errors) {
        Referral referral = get(officer, id);
        if (referral.getVersion() != form.getVersion()) {
            throw new StaleDataException();
        }
        EligibilityParameters parameters = parameters(officer, referral);
        List<RuleResult> results = checklist.evaluate(facts(referral), parameters);
        validate(form, results, errors);
        if (errors.hasErrors()) {
            return false;
        }
        UserAccount actor = users.getReferenceById(officer.getUserId());
        Instant now = clock.instant();
        String comment = blankToNull(form.getComment());
        switch (form.getOutcome()) {
            case ELIGIBLE -> referral.declareEligible(actor, joined(comment, form.getJustification()), now);
            case INELIGIBLE -> referral.declareIneligible(actor, comment, now);
            case INFORMATION_REQUESTED -> referral.requestInformation(actor, comment, now);
        }
        referrals.flush();
        decisions.record(referral.getId(), officer.getUserId(), now, form.getOutcome(),
                form.getOutcome() == DecisionOutcome.INELIGIBLE ? form.getReason() : null, comment,
                form.getOutcome() == DecisionOutcome.ELIGIBLE ? blankToNull(form.getJustification()) : null,
                results, parameters);
        events.publishEvent(new EligibilityDecided(referral.getId(), form.getOutcome(),
                form.getOutcome() == DecisionOutcome.INELIGIBLE ? form.getReason() : null));
        return true;
    }

    private static void validate(DecisionForm form, List<RuleResult> results, Errors errors) {
        if (form.getOutcome() == null) {
            if (!errors.hasFieldErrors("outcome")) {
                errors.rejectValue("outcome", "eligibility.decision.outcome.required");
            }
            return;
        }
        switch (form.getOutcome()) {
            case INELIGIBLE -> {
                if (form.getReason() == null) {
                    errors.rejectValue("reason", "eligibility.decision.reason.required");
                }
                if (form.getReason() == IneligibilityReason.OTHER && blankToNull(form.getComment()) == null) {
                    errors.rejectValue("comment", "eligibility.decision.comment.requiredForOther");
                }
            }
            case INFORMATION_REQUESTED -> {
                if (blankToNull(form.getComment()) == null) {
                    errors.rejectValue("comment", "eligibility.decision.question.required");
                }
            }
            case ELIGIBLE -> {
                // A rule that cannot tell (registration not attested, say) is no more a reason to skip the
                // justification than a failed one: each is a condition of the scheme.
                boolean anyUnmet = results.stream().anyMatch(result -> result.outcome() != RuleOutcome.PASSED);
                if (anyUnmet && blankToNull(form.getJustification()) == null) {
                    errors.rejectValue("justification", "eligibility.decision.justification.required");
                }
            }
        }
    }

    private EligibilityFacts facts(Referral referral) {
        return new EligibilityFacts(referral.getFirstDay(),
                referral.getChildren().stream().map(ReferralChild::getBirthDate).toList(),
                referral.getFranceTravailId(), referral.isJobSeekerAttested(), referral.getPurpose(),
                referral.getDepartementCode(), referral.getRegistration(),
                referral.getSubmittedAt() == null ? null : LocalDate.ofInstant(referral.getSubmittedAt(),
                        clock.getZone()));
    }

    private static String joined(String comment, String justification) {
        String cleanJustification = blankToNull(justification);
        if (cleanJustification == null) {
            return comment;
        }
        return comment == null ? cleanJustification : comment + "\n" + cleanJustification;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
