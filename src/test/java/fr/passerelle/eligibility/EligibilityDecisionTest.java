package fr.passerelle.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.referral.Purpose;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralRepository;
import fr.passerelle.referral.ReferralService;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.referral.ReferralTransition;
import fr.passerelle.referral.Referrals;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.StaleDataException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;

/**
 * The officer's decision through {@link EligibilityReviewService}: it moves the referral, appends to its timeline and
 * records the rule results and parameters of that moment, or, when the form does not hold, changes nothing.
 */
@IntegrationTest
class EligibilityDecisionTest {

    private static final String JUSTIFICATION = "L'aîné n'est gardé que le mercredi : accord de la responsable.";

    @Autowired
    EligibilityReviewService reviews;

    @Autowired
    ReferralService referrals;

    @Autowired
    ReferralRepository referralRepository;

    @Autowired
    UserAccountRepository users;

    @Autowired
    EligibilityChecklist checklist;

    @Autowired
    EligibilityDecisions decisions;

    @Autowired
    PurposeSettings purposeSettings;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    private CurrentUser advisor;
    private CurrentUser officer;

    @BeforeEach
    void signIn() {
        advisor = accounts.signedIn(accounts.create(Role.ADVISOR));
        officer = accounts.signedIn(accounts.create(Role.CAF_OFFICER));
    }

    @Test
    void anEligibleDecisionMovesTheReferralAndIsRecordedWithItsChecklist() {
        Referral referral = submitted(family());

        Errors errors = decide(referral, form(referral, DecisionOutcome.ELIGIBLE).comment("Dossier complet"));

        assertThat(errors.hasErrors()).isFalse();
        assertThat(status(referral)).isEqualTo(ReferralStatus.ELIGIBLE);
        assertLastTransition(referral, ReferralStatus.ELIGIBLE, "Dossier complet");
        assertThat(reviews.decisions(referral.getId())).singleElement().satisfies(decision -> {
            assertThat(decision.outcome()).isEqualTo(DecisionOutcome.ELIGIBLE);
            assertThat(decision.decidedBy()).isEqualTo(officer.getDisplayName());
            assertThat(decision.reason()).isNull();
            assertThat(decision.comment()).isEqualTo("Dossier complet");
            assertThat(decision.justification()).isNull();
            assertThat(decision.ruleResults()).extracting(RuleResult::rule)
                    .containsExactly(EligibilityRuleId.values());
            assertThat(decision.ruleResults()).extracting(RuleResult::outcome).containsOnly(RuleOutcome.PASSED);
            // Essonne's purposes in force when it was sent (the demo data may have chosen some for Essonne).
            assertThat(decision.parameters()).isEqualTo(new EligibilityParameters(10,
                    purposeSettings.inForce("91", referralRepository.findById(referral.getId()).orElseThrow()
                            .getSubmittedAt()).eligible(), "91", today(), today(), LocalDate.of(2025, 1, 1)));
        });
    }

    @Test
    void anIneligibleDecisionMovesTheReferralAndKeepsTheReason() {
        Referral referral = submitted(family());

        Errors errors = decide(referral, form(referral, DecisionOutcome.INELIGIBLE)
                .reason(IneligibilityReason.DUPLICATE).comment("Déjà orientée par la Mission locale"));

        assertThat(errors.hasErrors()).isFalse();
        assertThat(status(referral)).isEqualTo(ReferralStatus.INELIGIBLE);
        assertLastTransition(referral, ReferralStatus.INELIGIBLE, "Déjà orientée par la Mission locale");
        assertThat(reviews.decisions(referral.getId())).singleElement().satisfies(decision -> {
            assertThat(decision.outcome()).isEqualTo(DecisionOutcome.INELIGIBLE);
            assertThat(decision.reason()).isEqualTo(IneligibilityReason.DUPLICATE);
            assertThat(decision.comment()).isEqualTo("Déjà orientée par la Mission locale");
        });
    }

    @Test
    void aQuestionSendsTheReferralBackToTheAdvisor() {
        Referral referral = submitted(family());

        Errors errors = decide(referral, form(referral, DecisionOutcome.INFORMATION_REQUESTED)
                .comment(Referrals.QUESTION));

        assertThat(errors.hasErrors()).isFalse();
        assertThat(status(referral)).isEqualTo(ReferralStatus.INFORMATION_REQUESTED);
        assertLastTransition(referral, ReferralStatus.INFORMATION_REQUESTED, Referrals.QUESTION);
        assertThat(reviews.decisions(referral.getId())).singleElement().satisfies(decision -> {
            assertThat(decision.outcome()).isEqualTo(DecisionOutcome.INFORMATION_REQUESTED);
            assertThat(decision.comment()).isEqualTo(Referrals.QUESTION);
        });
    }

    @Test
    void theDecisionKeepsTheAgeLimitOfItsDayAfterTheLimitChanges() {
        Referral referral = submitted(family().children(Referrals.child("Noé", today().minusYears(4))));
        decide(referral, form(referral, DecisionOutcome.ELIGIBLE));

        // The same application restarted with AVIP crèches' limit: children under 3.
        EligibilityReviewService withLowerLimit = new EligibilityReviewService(referralRepository, users, checklist,
                new EligibilityProperties(3, EnumSet.allOf(Purpose.class)), decisions, purposeSettings, event -> { },
                clock);

        assertThat(withLowerLimit.parameters(officer, reviews.get(officer, referral.getId())).childAgeLimitYears())
                .isEqualTo(3);
        assertThat(withLowerLimit.checklist(officer, reviews.get(officer, referral.getId())).get(0).outcome())
                .isEqualTo(RuleOutcome.FAILED);
        assertThat(withLowerLimit.decisions(referral.getId())).singleElement().satisfies(decision -> {
            assertThat(decision.parameters().childAgeLimitYears()).isEqualTo(10);
            assertThat(decision.ruleResults().get(0)).isEqualTo(new RuleResult(
                    EligibilityRuleId.CHILDREN_UNDER_AGE_LIMIT, RuleOutcome.PASSED,
                    "eligibility.rule.CHILDREN_UNDER_AGE_LIMIT.passed", List.of("10")));
        });
    }

    @Test
    void eligibleDespiteAFailedRuleWithoutJustificationIsRefusedAndNothingIsSaved() {
        Referral referral = submitted(family().children(Referrals.child("Inès", today().minusYears(11))));

        Errors errors = decide(referral, form(referral, DecisionOutcome.ELIGIBLE).justification("  "));

        assertThat(errors.getFieldErrors()).singleElement().satisfies(error -> {
            assertThat(error.getField()).isEqualTo("justification");
            assertThat(error.getCode()).isEqualTo("eligibility.decision.justification.required");
        });
        assertNothingSaved(referral);
    }

    @Test
    void eligibleDespiteAFailedRuleIsAcceptedWithAJustification() {
        Referral referral = submitted(family().children(Referrals.child("Inès", today().minusYears(11))));

        Errors errors = decide(referral, form(referral, DecisionOutcome.ELIGIBLE).justification(JUSTIFICATION));

        assertThat(errors.hasErrors()).isFalse();
        assertThat(status(referral)).isEqualTo(ReferralStatus.ELIGIBLE);
        assertLastTransition(referral, ReferralStatus.ELIGIBLE, JUSTIFICATION);
        assertThat(reviews.decisions(referral.getId())).singleElement().satisfies(decision -> {
            assertThat(decision.justification()).isEqualTo(JUSTIFICATION);
            assertThat(decision.ruleResults().get(0).outcome()).isEqualTo(RuleOutcome.FAILED);
        });
    }

    @Test
    void ineligibleWithoutAReasonIsRefusedAndNothingIsSaved() {
        Referral referral = submitted(family());

        Errors errors = decide(referral, form(referral, DecisionOutcome.INELIGIBLE).comment("Pas éligible"));

        assertThat(errors.getFieldErrors()).singleElement().satisfies(error -> {
            assertThat(error.getField()).isEqualTo("reason");
            assertThat(error.getCode()).isEqualTo("eligibility.decision.reason.required");
        });
        assertNothingSaved(referral);
    }

    @Test
    void ineligibleForAnotherReasonNeedsTheReasonWrittenOut() {
        Referral referral = submitted(family());

        Errors errors = decide(referral, form(referral, DecisionOutcome.INELIGIBLE)
                .reason(IneligibilityReason.OTHER));

        assertThat(errors.getFieldErrors()).extracting(error -> error.getField()).containsExactly("comment");
        assertNothingSaved(referral);
    }

    @Test
    void aQuestionWithoutTextIsRefusedAndNothingIsSaved() {
        Referral referral = submitted(family());

        Errors errors = decide(referral, form(referral, DecisionOutcome.INFORMATION_REQUESTED).comment(" "));

        assertThat(errors.getFieldErrors()).extracting(error -> error.getField()).containsExactly("comment");
        assertNothingSaved(referral);
    }

    @Test
    void anOfficerOfAnotherTerritoryCannotSeeOrDecide() {
        Referral referral = submitted(family());
        CurrentUser parisOfficer = accounts.signedIn(accounts.create(Role.CAF_OFFICER,
                accounts.organisation(OrganisationKind.CAF, "75", "75056")));
        DecisionForm form = form(referral, DecisionOutcome.ELIGIBLE).build();

        assertThatThrownBy(() -> reviews.get(parisOfficer, referral.getId())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> reviews.decide(parisOfficer, referral.getId(), form, errors(form)))
                .isInstanceOf(NotFoundException.class);
        assertNothingSaved(referral);
    }

    @Test
    void aDraftIsNotVisibleToOfficers() {
        Referral draft = referrals.create(advisor, UUID.randomUUID(), family().build(), false);
        DecisionForm form = form(draft, DecisionOutcome.ELIGIBLE).build();

        assertThatThrownBy(() -> reviews.get(officer, draft.getId())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> reviews.decide(officer, draft.getId(), form, errors(form)))
                .isInstanceOf(NotFoundException.class);
        assertThat(status(draft)).isEqualTo(ReferralStatus.DRAFT);
        assertThat(reviews.decisions(draft.getId())).isEmpty();
    }

    @Test
    void aDecisionOnAReferralChangedSinceItWasOpenedIsRefused() {
        Referral referral = submitted(family());
        DecisionForm form = form(referral, DecisionOutcome.ELIGIBLE).build();
        form.setVersion(referral.getVersion() - 1);

        assertThatThrownBy(() -> reviews.decide(officer, referral.getId(), form, errors(form)))
                .isInstanceOf(StaleDataException.class);
        assertNothingSaved(referral);
    }

    private Referrals.Details family() {
        return Referrals.detailsAsOf(today()).ofAnotherFamily();
    }

    private Referral submitted(Referrals.Details details) {
        return referrals.create(advisor, UUID.randomUUID(), details.build(), true);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static Form form(Referral referral, DecisionOutcome outcome) {
        return new Form(referral.getVersion(), outcome);
    }

    private Errors decide(Referral referral, Form form) {
        DecisionForm decision = form.build();
        Errors errors = errors(decision);
        boolean decided = reviews.decide(officer, referral.getId(), decision, errors);
        assertThat(decided).isEqualTo(!errors.hasErrors());
        return errors;
    }

    private static Errors errors(DecisionForm form) {
        return new BeanPropertyBindingResult(form, "form");
    }

    private ReferralStatus status(Referral referral) {
        return ReferralStatus.valueOf(jdbc.sql("select status from referral where id = ?")
                .param(referral.getId()).query(String.class).single());
    }

    private void assertLastTransition(Referral referral, ReferralStatus to, String comment) {
        List<ReferralTransition> timeline = referrals.timeline(referral.getId());
        assertThat(timeline).hasSize(3).last().satisfies(transition -> {
            assertThat(transition.getFromStatus()).isEqualTo(ReferralStatus.SUBMITTED);
            assertThat(transition.getToStatus()).isEqualTo(to);
            assertThat(transition.getActor().getId()).isEqualTo(officer.getUserId());
            assertThat(transition.getComment()).isEqualTo(comment);
        });
    }

    private void assertNothingSaved(Referral referral) {
        assertThat(status(referral)).isEqualTo(ReferralStatus.SUBMITTED);
        assertThat(referrals.timeline(referral.getId())).extracting(ReferralTransition::getToStatus)
                .containsExactly(ReferralStatus.DRAFT, ReferralStatus.SUBMITTED);
        assertThat(reviews.decisions(referral.getId())).isEmpty();
    }

    /** The decision form as the officer fills it in. */
    private static final class Form {

        private final DecisionForm form = new DecisionForm();

        Form(long version, DecisionOutcome outcome) {
            form.setVersion(version);
            form.setOutcome(outcome);
        }

        Form reason(IneligibilityReason reason) {
            form.setReason(reason);
            return this;
        }

        Form comment(String comment) {
            form.setComment(comment);
            return this;
        }

        Form justification(String justification) {
            form.setJustification(justification);
            return this;
        }

        DecisionForm build() {
            return form;
        }
    }
}
