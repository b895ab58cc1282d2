package fr.passerelle.eligibility;

import static fr.passerelle.eligibility.EligibilityExamples.eligibleFacts;
import static fr.passerelle.eligibility.EligibilityExamples.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import fr.passerelle.referral.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegisteredJobSeekerRuleTest {

    private static final String KEY = "eligibility.rule.REGISTERED_JOB_SEEKER";

    private final RegisteredJobSeekerRule rule = new RegisteredJobSeekerRule();

    @ParameterizedTest
    @ValueSource(strings = {"1234567A", "12345678", "12345678901", " 1234 567a "})
    void validIdentifierAttestedByTheAdvisorPasses(String identifier) {
        RuleResult result = evaluate(identifier, true);

        assertThat(result.rule()).isEqualTo(EligibilityRuleId.REGISTERED_JOB_SEEKER);
        assertThat(result.outcome()).isEqualTo(RuleOutcome.PASSED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".passed");
    }

    @Test
    void validIdentifierWithoutTheAdvisorsAttestationCannotBeTold() {
        RuleResult result = evaluate("12345678901", false);

        assertThat(result.outcome()).isEqualTo(RuleOutcome.CANNOT_TELL);
        assertThat(result.messageKey()).isEqualTo(KEY + ".cannot-tell");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void missingIdentifierFailsEvenWhenAttested(String identifier) {
        RuleResult result = evaluate(identifier, true);

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".failed.missing");
        assertThat(result.messageArguments()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567", "123456789", "1234567AB", "123456789012", "A1234567"})
    void invalidIdentifierFailsEvenWhenAttested(String identifier) {
        RuleResult result = evaluate(identifier, true);

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".failed.invalid");
        assertThat(result.messageArguments()).containsExactly(identifier);
    }

    @Test
    void invalidIdentifierIsQuotedAsNormalised() {
        assertThat(evaluate("12 34 5a", false).messageArguments()).containsExactly("12345A");
    }

    private RuleResult evaluate(String identifier, boolean attested) {
        return rule.evaluate(eligibleFacts().franceTravailId(identifier).jobSeekerAttested(attested).build(),
                parameters());
    }

    // --- Automatic registrations (full-employment law, since 1 January 2025) -------------------------------------

    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);

    @ParameterizedTest
    @EnumSource(value = Registration.class, names = {"RSA_RECIPIENT", "MISSION_LOCALE_YOUTH"})
    void anAutomaticRegistrationPassesForAReferralSentFromTheFirstDay(Registration route) {
        for (LocalDate sentOn : List.of(FROM, FROM.plusYears(1))) {
            RuleResult result = rule.evaluate(eligibleFacts().registered(route, sentOn).build(), withAutomatic(FROM));

            assertThat(result.outcome()).as(sentOn.toString()).isEqualTo(RuleOutcome.PASSED);
            assertThat(result.messageKey()).isEqualTo(KEY + ".passed." + route);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Registration.class, names = {"RSA_RECIPIENT", "MISSION_LOCALE_YOUTH"})
    void anAutomaticRegistrationFailsForAReferralSentTheDayBefore(Registration route) {
        RuleResult result = rule.evaluate(eligibleFacts().registered(route, FROM.minusDays(1)).build(),
                withAutomatic(FROM));

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".failed.automatic-too-early." + route);
        assertThat(result.messageArguments()).containsExactly("01/01/2025");
    }

    @Test
    void aJobSeekerPassesWhateverTheDayTheReferralWasSent() {
        RuleResult result = rule.evaluate(eligibleFacts()
                .registered(Registration.FRANCE_TRAVAIL_JOB_SEEKER, LocalDate.of(2019, 10, 1)).build(),
                withAutomatic(FROM));

        assertThat(result.outcome()).isEqualTo(RuleOutcome.PASSED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".passed");
    }

    @Test
    void anAutomaticRegistrationStillNeedsAValidIdentifierAndTheAttestation() {
        assertThat(rule.evaluate(eligibleFacts().registered(Registration.RSA_RECIPIENT, FROM).franceTravailId(null)
                .build(), withAutomatic(FROM)).messageKey()).isEqualTo(KEY + ".failed.missing");
        RuleResult unattested = rule.evaluate(eligibleFacts().registered(Registration.RSA_RECIPIENT, FROM)
                .jobSeekerAttested(false).build(), withAutomatic(FROM));
        assertThat(unattested.outcome()).isEqualTo(RuleOutcome.CANNOT_TELL);
        assertThat(unattested.messageKey()).isEqualTo(KEY + ".cannot-tell.RSA_RECIPIENT");
    }

    @Test
    void parametersWithoutTheDayDoNotAcceptAutomaticRegistrations() {
        RuleResult result = rule.evaluate(eligibleFacts().registered(Registration.MISSION_LOCALE_YOUTH, FROM)
                .build(), parameters());

        assertThat(result.outcome()).isEqualTo(RuleOutcome.FAILED);
        assertThat(result.messageKey()).isEqualTo(KEY + ".failed.automatic-not-accepted.MISSION_LOCALE_YOUTH");
    }

    private static EligibilityParameters withAutomatic(LocalDate from) {
        EligibilityParameters base = parameters();
        return new EligibilityParameters(base.childAgeLimitYears(), base.allowedPurposes(),
                base.territoryDepartementCode(), base.today(), base.today(), from);
    }
}
