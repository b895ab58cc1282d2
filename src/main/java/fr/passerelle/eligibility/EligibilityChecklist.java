package fr.passerelle.eligibility;

import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

/** All the rules, in a fixed order. */
@Component
public class EligibilityChecklist {

    // Same order as EligibilityRuleId, so a recorded checklist always reads the same way.
    private final List<EligibilityRule> rules = List.of(
            new ChildrenUnderAgeLimitRule(),
            new RegisteredJobSeekerRule(),
            new AllowedPurposeRule(),
            new FamilyInTerritoryRule(),
            new FirstDayNotInPastRule());

    /** One result per rule, in the order of {@link EligibilityRuleId}. */
    public List<RuleResult> evaluate(EligibilityFacts facts, EligibilityParameters parameters) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(parameters, "parameters");
        return rules.stream().map(rule -> rule.evaluate(facts, parameters)).toList();
    }
}
