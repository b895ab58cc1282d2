package fr.passerelle.eligibility;

import java.util.List;
import java.util.Objects;

/**
 * One rule's verdict with the sentence why, as a message key + arguments (rendered in French/English by the view).
 * Keys start with {@code eligibility.rule.<RULE_ID>.passed}, {@code .failed} or {@code .cannot-tell}, sometimes followed
 * by a variant ({@code .failed.many}). Arguments are plain text already formatted (numbers, codes, dd/MM/yyyy dates),
 * so a recorded result reads the same later.
 */
public record RuleResult(EligibilityRuleId rule, RuleOutcome outcome, String messageKey, List<String> messageArguments) {

    public RuleResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(messageKey, "messageKey");
        messageArguments = messageArguments == null ? List.of() : List.copyOf(messageArguments);
    }

    static RuleResult passed(EligibilityRuleId rule, String variant, String... arguments) {
        return of(rule, RuleOutcome.PASSED, "passed", variant, arguments);
    }

    static RuleResult failed(EligibilityRuleId rule, String variant, String... arguments) {
        return of(rule, RuleOutcome.FAILED, "failed", variant, arguments);
    }

    static RuleResult cannotTell(EligibilityRuleId rule, String variant, String... arguments) {
        return of(rule, RuleOutcome.CANNOT_TELL, "cannot-tell", variant, arguments);
    }

    private static RuleResult of(EligibilityRuleId rule, RuleOutcome outcome, String outcomeKey, String variant,
            String... arguments) {
        String key = "eligibility.rule." + rule.name() + "." + outcomeKey + (variant == null ? "" : "." + variant);
        return new RuleResult(rule, outcome, key, List.of(arguments));
    }
}
