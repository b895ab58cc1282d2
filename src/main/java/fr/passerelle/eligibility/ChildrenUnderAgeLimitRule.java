package fr.passerelle.eligibility;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every child is strictly under the age limit, in whole years, on the first day of care: a child whose birthday
 * falls on the first day has reached the limit. Children are named by their position in the referral (1, 2, ...).
 */
class ChildrenUnderAgeLimitRule implements EligibilityRule {

    @Override
    public EligibilityRuleId id() {
        return EligibilityRuleId.CHILDREN_UNDER_AGE_LIMIT;
    }

    @Override
    public RuleResult evaluate(EligibilityFacts facts, EligibilityParameters parameters) {
        LocalDate firstDay = facts.firstDayOfCare();
        List<LocalDate> birthDates = facts.childBirthDates();
        if (firstDay == null) {
            return RuleResult.cannotTell(id(), "no-first-day");
        }
        if (birthDates.isEmpty()) {
            return RuleResult.cannotTell(id(), "no-children");
        }
        String limit = String.valueOf(parameters.childAgeLimitYears());

        List<Integer> bornAfterFirstDay = new ArrayList<>();
        List<Integer> overLimit = new ArrayList<>();
        List<Integer> birthDateMissing = new ArrayList<>();
        for (int index = 0; index < birthDates.size(); index++) {
            LocalDate birth = birthDates.get(index);
            int position = index + 1;
            if (birth == null) {
                birthDateMissing.add(position);
            } else if (birth.isAfter(firstDay)) {
                bornAfterFirstDay.add(position);
            } else if (Period.between(birth, firstDay).getYears() >= parameters.childAgeLimitYears()) {
                overLimit.add(position);
            }
        }

        // A birth date after the first day is a typing error more often than an unborn child: say so first.
        if (!bornAfterFirstDay.isEmpty()) {
            return RuleResult.failed(id(), "born-after-first-day." + oneOrMany(bornAfterFirstDay),
                    positions(bornAfterFirstDay));
        }
        // One child over the limit settles it, whatever the birth dates still missing.
        if (overLimit.size() == 1) {
            return RuleResult.failed(id(), "one", limit, positions(overLimit));
        }
        if (!overLimit.isEmpty()) {
            return RuleResult.failed(id(), "many", limit, positions(overLimit), String.valueOf(overLimit.size()));
        }
        if (!birthDateMissing.isEmpty()) {
            return RuleResult.cannotTell(id(), "birth-date-missing." + oneOrMany(birthDateMissing),
                    positions(birthDateMissing));
        }
        return RuleResult.passed(id(), null, limit);
    }

    private static String oneOrMany(List<Integer> positions) {
        return positions.size() == 1 ? "one" : "many";
    }

    private static String positions(List<Integer> positions) {
        return positions.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
