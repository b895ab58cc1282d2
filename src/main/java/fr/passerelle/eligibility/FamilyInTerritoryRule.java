package fr.passerelle.eligibility;

import java.util.Locale;

/** The family lives in the département the Caf serves. Codes are compared trimmed and upper-cased ("2a" is "2A"). */
class FamilyInTerritoryRule implements EligibilityRule {

    @Override
    public EligibilityRuleId id() {
        return EligibilityRuleId.FAMILY_IN_TERRITORY;
    }

    @Override
    public RuleResult evaluate(EligibilityFacts facts, EligibilityParameters parameters) {
        String family = normalise(facts.familyDepartementCode());
        if (family.isEmpty()) {
            return RuleResult.cannotTell(id(), null);
        }
        String territory = normalise(parameters.territoryDepartementCode());
        if (family.equals(territory)) {
            return RuleResult.passed(id(), null, family);
        }
        return RuleResult.failed(id(), null, family, territory);
    }

    private static String normalise(String code) {
        return code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
    }
}
