package fr.passerelle.eligibility;

import java.time.Instant;
import java.util.List;

/**
 * A decision as it was taken: the rule results and the parameters of that moment, never recomputed.
 */
public record RecordedDecision(long id, Instant decidedAt, String decidedBy, DecisionOutcome outcome,
        IneligibilityReason reason, String comment, String justification, List<RuleResult> ruleResults,
        EligibilityParameters parameters) {
}
