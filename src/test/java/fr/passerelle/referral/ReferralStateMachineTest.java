package fr.passerelle.referral;

import static fr.passerelle.referral.ReferralStatus.CARE_ARRANGED;
import static fr.passerelle.referral.ReferralStatus.CLOSED;
import static fr.passerelle.referral.ReferralStatus.DRAFT;
import static fr.passerelle.referral.ReferralStatus.NO_SOLUTION;
import static fr.passerelle.referral.ReferralStatus.OFFERED;
import static fr.passerelle.referral.ReferralStatus.ELIGIBLE;
import static fr.passerelle.referral.ReferralStatus.INELIGIBLE;
import static fr.passerelle.referral.ReferralStatus.INFORMATION_REQUESTED;
import static fr.passerelle.referral.ReferralStatus.SUBMITTED;
import static fr.passerelle.referral.ReferralStatus.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import fr.passerelle.organisation.UserAccount;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The referral's lifecycle, through the intention methods: draft → submitted → information requested ⇄ submitted →
 * eligible / ineligible; eligible → offered → care arranged → closed, offered → eligible on a decline or an expiry,
 * eligible → no solution; and withdrawn from any open status.
 */
class ReferralStateMachineTest {

    private static final Instant LATER = Referrals.NOW.plus(1, ChronoUnit.HOURS);

    /** What the advisor or the officer can do to a referral, and the status each action aims at. */
    enum Move {
        SUBMIT(SUBMITTED),
        ANSWER_INFORMATION_REQUEST(SUBMITTED),
        REQUEST_INFORMATION(INFORMATION_REQUESTED),
        DECLARE_ELIGIBLE(ELIGIBLE),
        DECLARE_INELIGIBLE(INELIGIBLE),
        WITHDRAW(WITHDRAWN),
        SEND_OFFER(OFFERED),
        DECLINE_OFFER(ELIGIBLE),
        EXPIRE_OFFER(ELIGIBLE),
        ARRANGE_CARE(CARE_ARRANGED),
        CLOSE(CLOSED),
        RECORD_NO_SOLUTION(NO_SOLUTION);

        final ReferralStatus target;

        Move(ReferralStatus target) {
            this.target = target;
        }

        void apply(Referral referral, UserAccount advisor, UserAccount officer, Instant now) {
            switch (this) {
                case SUBMIT -> referral.submit(advisor, now);
                case ANSWER_INFORMATION_REQUEST -> referral.answerInformationRequest(advisor, Referrals.ANSWER, now);
                case REQUEST_INFORMATION -> referral.requestInformation(officer, Referrals.QUESTION, now);
                case DECLARE_ELIGIBLE -> referral.declareEligible(officer, "Critères remplis", now);
                case DECLARE_INELIGIBLE -> referral.declareIneligible(officer, Referrals.INELIGIBILITY_COMMENT, now);
                case WITHDRAW -> referral.withdraw(advisor, Referrals.WITHDRAWAL_REASON, now);
                case SEND_OFFER -> referral.offerSent(officer, null, now);
                case DECLINE_OFFER -> referral.offerDeclined(PROVIDER, "Complet", now);
                case EXPIRE_OFFER -> referral.offerExpired(now);
                case ARRANGE_CARE -> referral.careArranged(PROVIDER, now);
                case CLOSE -> referral.close(advisor, Outcome.JOB_STARTED, null, now);
                case RECORD_NO_SOLUTION -> referral.recordNoSolution(officer, NoSolutionReason.ALL_DECLINED, null, now);
            }
        }
    }

    private static final UserAccount PROVIDER = Referrals.provider();

    /** The lifecycle: from which statuses each move is allowed. Every other pair is refused. */
    private static final Map<Move, Set<ReferralStatus>> ALLOWED = Map.ofEntries(
            Map.entry(Move.SUBMIT, Set.of(DRAFT)),
            Map.entry(Move.ANSWER_INFORMATION_REQUEST, Set.of(INFORMATION_REQUESTED)),
            Map.entry(Move.REQUEST_INFORMATION, Set.of(SUBMITTED)),
            Map.entry(Move.DECLARE_ELIGIBLE, Set.of(SUBMITTED)),
            Map.entry(Move.DECLARE_INELIGIBLE, Set.of(SUBMITTED)),
            Map.entry(Move.WITHDRAW, Set.of(DRAFT, SUBMITTED, INFORMATION_REQUESTED, ELIGIBLE, OFFERED,
                    CARE_ARRANGED)),
            Map.entry(Move.SEND_OFFER, Set.of(ELIGIBLE)),
            Map.entry(Move.DECLINE_OFFER, Set.of(OFFERED)),
            Map.entry(Move.EXPIRE_OFFER, Set.of(OFFERED)),
            Map.entry(Move.ARRANGE_CARE, Set.of(OFFERED)),
            Map.entry(Move.CLOSE, Set.of(CARE_ARRANGED)),
            Map.entry(Move.RECORD_NO_SOLUTION, Set.of(ELIGIBLE)));

    private final UserAccount advisor = Referrals.advisor();
    private final UserAccount officer = Referrals.officer();

    @Test
    void aNewDraftStartsItsTimelineWithoutAPreviousStatus() {
        Referral referral = Referrals.draft(advisor);

        assertThat(referral.getStatus()).isEqualTo(DRAFT);
        assertThat(referral.getTransitions()).singleElement().satisfies(transition -> {
            assertThat(transition.getFromStatus()).isNull();
            assertThat(transition.getToStatus()).isEqualTo(DRAFT);
            assertThat(transition.getActor()).isSameAs(advisor);
            assertThat(transition.getOccurredAt()).isEqualTo(Referrals.NOW);
            assertThat(transition.getComment()).isNull();
        });
        assertThat(referral.getLastTransitionAt()).isEqualTo(Referrals.NOW);
        assertThat(referral.getSubmittedAt()).isNull();
    }

    @Test
    void submittingADraftSendsItToTheCaf() {
        Referral referral = Referrals.inStatus(DRAFT, advisor, officer);

        referral.submit(advisor, LATER);

        assertMoved(referral, DRAFT, SUBMITTED, advisor, null);
        assertThat(referral.getSubmittedAt()).isEqualTo(LATER);
    }

    @Test
    void withdrawingADraftRecordsTheReason() {
        Referral referral = Referrals.inStatus(DRAFT, advisor, officer);

        referral.withdraw(advisor, "  " + Referrals.WITHDRAWAL_REASON + " ", LATER);

        assertMoved(referral, DRAFT, WITHDRAWN, advisor, Referrals.WITHDRAWAL_REASON);
    }

    @Test
    void theOfficerAsksTheAdvisorAQuestionAboutASubmittedReferral() {
        Referral referral = Referrals.inStatus(SUBMITTED, advisor, officer);

        referral.requestInformation(officer, Referrals.QUESTION, LATER);

        assertMoved(referral, SUBMITTED, INFORMATION_REQUESTED, officer, Referrals.QUESTION);
    }

    @Test
    void theOfficerDeclaresASubmittedReferralEligible() {
        Referral referral = Referrals.inStatus(SUBMITTED, advisor, officer);

        referral.declareEligible(officer, "Critères remplis", LATER);

        assertMoved(referral, SUBMITTED, ELIGIBLE, officer, "Critères remplis");
    }

    @Test
    void theOfficerDeclaresASubmittedReferralIneligible() {
        Referral referral = Referrals.inStatus(SUBMITTED, advisor, officer);

        referral.declareIneligible(officer, Referrals.INELIGIBILITY_COMMENT, LATER);

        assertMoved(referral, SUBMITTED, INELIGIBLE, officer, Referrals.INELIGIBILITY_COMMENT);
    }

    @Test
    void theAdvisorWithdrawsASubmittedReferral() {
        Referral referral = Referrals.inStatus(SUBMITTED, advisor, officer);

        referral.withdraw(advisor, Referrals.WITHDRAWAL_REASON, LATER);

        assertMoved(referral, SUBMITTED, WITHDRAWN, advisor, Referrals.WITHDRAWAL_REASON);
    }

    @Test
    void answeringTheQuestionPutsTheReferralBackInTheQueueInItsOriginalPlace() {
        Referral referral = Referrals.inStatus(INFORMATION_REQUESTED, advisor, officer);
        Instant firstSubmitted = referral.getSubmittedAt();

        referral.answerInformationRequest(advisor, Referrals.ANSWER, LATER);

        assertMoved(referral, INFORMATION_REQUESTED, SUBMITTED, advisor, Referrals.ANSWER);
        assertThat(referral.getSubmittedAt()).isEqualTo(firstSubmitted).isBefore(LATER);
    }

    @Test
    void theAdvisorWithdrawsAReferralWaitingForTheirAnswer() {
        Referral referral = Referrals.inStatus(INFORMATION_REQUESTED, advisor, officer);

        referral.withdraw(advisor, Referrals.WITHDRAWAL_REASON, LATER);

        assertMoved(referral, INFORMATION_REQUESTED, WITHDRAWN, advisor, Referrals.WITHDRAWAL_REASON);
    }

    @Test
    void theAdvisorWithdrawsAnEligibleReferral() {
        Referral referral = Referrals.inStatus(ELIGIBLE, advisor, officer);

        referral.withdraw(advisor, Referrals.WITHDRAWAL_REASON, LATER);

        assertMoved(referral, ELIGIBLE, WITHDRAWN, advisor, Referrals.WITHDRAWAL_REASON);
    }

    @Test
    void everyStepOfALongLifeIsOnTheTimelineInOrder() {
        Referral referral = Referrals.inStatus(INFORMATION_REQUESTED, advisor, officer);
        referral.answerInformationRequest(advisor, Referrals.ANSWER, LATER);
        referral.declareEligible(officer, null, LATER.plusSeconds(60));

        assertThat(referral.getTransitions())
                .extracting(ReferralTransition::getFromStatus, ReferralTransition::getToStatus)
                .containsExactly(
                        tuple(null, DRAFT),
                        tuple(DRAFT, SUBMITTED),
                        tuple(SUBMITTED, INFORMATION_REQUESTED),
                        tuple(INFORMATION_REQUESTED, SUBMITTED),
                        tuple(SUBMITTED, ELIGIBLE));
    }

    @ParameterizedTest(name = "every allowed move: {1} from {0}")
    @MethodSource("allowedMoves")
    void everyAllowedMoveChangesTheStatusAndWritesOneTimelineRow(ReferralStatus from, Move move) {
        Referral referral = Referrals.inStatus(from, advisor, officer);
        int rows = referral.getTransitions().size();

        move.apply(referral, advisor, officer, LATER);

        assertThat(referral.getStatus()).isEqualTo(move.target);
        assertThat(referral.getTransitions()).hasSize(rows + 1).last().satisfies(transition -> {
            assertThat(transition.getFromStatus()).isEqualTo(from);
            assertThat(transition.getToStatus()).isEqualTo(move.target);
            assertThat(transition.getOccurredAt()).isEqualTo(LATER);
        });
        assertThat(referral.getLastTransitionAt()).isEqualTo(LATER);
    }

    static Stream<Arguments> allowedMoves() {
        return Stream.of(Move.values())
                .flatMap(move -> ALLOWED.get(move).stream().map(from -> Arguments.of(from, move)));
    }

    @Test
    void anEligibleReferralEntersTheRoutingQueueBehindThoseAlreadyWaiting() {
        Referral referral = Referrals.inStatus(SUBMITTED, advisor, officer);

        referral.declareEligible(officer, null, LATER);

        assertThat(referral.getRoutingQueuedAt()).isEqualTo(LATER);
        assertThat(referral.isRoutingReturned()).isFalse();
    }

    @Test
    void aDeclinedOfferSendsTheReferralBackToTheTopOfTheRoutingQueue() {
        Referral referral = Referrals.inStatus(OFFERED, advisor, officer);

        referral.offerDeclined(PROVIDER, "Plus de place", LATER);

        assertMoved(referral, OFFERED, ELIGIBLE, PROVIDER, "Plus de place");
        assertThat(referral.isRoutingReturned()).isTrue();
        assertThat(referral.getRoutingQueuedAt()).isEqualTo(LATER);
    }

    @Test
    void anExpiredOfferSendsTheReferralBackWithoutAnActor() {
        Referral referral = Referrals.inStatus(OFFERED, advisor, officer);

        referral.offerExpired(LATER);

        assertMoved(referral, OFFERED, ELIGIBLE, null, null);
        assertThat(referral.isRoutingReturned()).isTrue();
        assertThat(referral.getRoutingQueuedAt()).isEqualTo(LATER);
    }

    @Test
    void theProviderAcceptingArrangesTheCare() {
        Referral referral = Referrals.inStatus(OFFERED, advisor, officer);

        referral.careArranged(PROVIDER, LATER);

        assertMoved(referral, OFFERED, CARE_ARRANGED, PROVIDER, null);
    }

    @Test
    void closingRecordsTheOutcome() {
        Referral referral = Referrals.inStatus(CARE_ARRANGED, advisor, officer);

        referral.close(advisor, Outcome.TRAINING_STARTED, " Entrée le 3 juin ", LATER);

        assertMoved(referral, CARE_ARRANGED, CLOSED, advisor, "Entrée le 3 juin");
        assertThat(referral.getOutcome()).isEqualTo(Outcome.TRAINING_STARTED);
        assertThat(referral.getOutcomeComment()).isEqualTo("Entrée le 3 juin");
        assertThat(referral.getClosedAt()).isEqualTo(LATER);
    }

    @Test
    void noSolutionRecordsTheReason() {
        Referral referral = Referrals.inStatus(ELIGIBLE, advisor, officer);

        referral.recordNoSolution(officer, NoSolutionReason.NO_PROVIDER_IN_AREA, null, LATER);

        assertMoved(referral, ELIGIBLE, NO_SOLUTION, officer, null);
        assertThat(referral.getNoSolutionReason()).isEqualTo(NoSolutionReason.NO_PROVIDER_IN_AREA);
    }

    @Test
    void anOutcomeOrAReasonOtherNeedsAComment() {
        Referral arranged = Referrals.inStatus(CARE_ARRANGED, advisor, officer);
        assertThatIllegalArgumentException().isThrownBy(() -> arranged.close(advisor, Outcome.OTHER, " ", LATER));
        assertThatIllegalArgumentException().isThrownBy(() -> arranged.close(advisor, null, null, LATER));
        assertThat(arranged.getStatus()).isEqualTo(CARE_ARRANGED);

        Referral eligible = Referrals.inStatus(ELIGIBLE, advisor, officer);
        assertThatIllegalArgumentException().isThrownBy(
                () -> eligible.recordNoSolution(officer, NoSolutionReason.OTHER, null, LATER));
        assertThat(eligible.getStatus()).isEqualTo(ELIGIBLE);
    }

    @Test
    void anOfferedReferralIsNotDeclaredEligibleAgain() {
        Referral referral = Referrals.inStatus(OFFERED, advisor, officer);

        assertThatThrownBy(() -> referral.declareEligible(officer, null, LATER))
                .isInstanceOf(IllegalReferralTransitionException.class)
                .hasMessageStartingWith("A referral cannot go from OFFERED to ELIGIBLE:");
        assertThat(referral.getStatus()).isEqualTo(OFFERED);
    }

    static Stream<Arguments> forbiddenMoves() {
        return Stream.of(ReferralStatus.values())
                .flatMap(from -> Stream.of(Move.values())
                        .filter(move -> !ALLOWED.get(move).contains(from))
                        .map(move -> Arguments.of(from, move)));
    }

    @ParameterizedTest(name = "{1} on a {0} referral is refused")
    @MethodSource("forbiddenMoves")
    void aMoveOutsideTheLifecycleIsRefusedAndChangesNothing(ReferralStatus from, Move move) {
        Referral referral = Referrals.inStatus(from, advisor, officer);
        List<ReferralTransition> timeline = referral.getTransitions();
        Instant submittedAt = referral.getSubmittedAt();
        Instant lastTransitionAt = referral.getLastTransitionAt();

        assertThatThrownBy(() -> move.apply(referral, advisor, officer, LATER))
                .isInstanceOfSatisfying(IllegalReferralTransitionException.class, ex -> {
                    assertThat(ex.getFrom()).isEqualTo(from);
                    assertThat(ex.getTo()).isEqualTo(move.target);
                    assertThat(ex.getMessage())
                            .startsWith("A referral cannot go from " + from + " to " + move.target);
                });

        assertThat(referral.getStatus()).isEqualTo(from);
        assertThat(referral.getTransitions()).containsExactlyElementsOf(timeline);
        assertThat(referral.getSubmittedAt()).isEqualTo(submittedAt);
        assertThat(referral.getLastTransitionAt()).isEqualTo(lastTransitionAt);
    }

    @Test
    void answeringADraftIsRefusedBecauseNobodyAskedAnything() {
        Referral referral = Referrals.inStatus(DRAFT, advisor, officer);

        assertThatThrownBy(() -> referral.answerInformationRequest(advisor, Referrals.ANSWER, LATER))
                .isInstanceOf(IllegalReferralTransitionException.class)
                .hasMessage("A referral cannot go from DRAFT to SUBMITTED: no information was requested");
    }

    @Test
    void submittingAgainInsteadOfAnsweringIsRefused() {
        Referral referral = Referrals.inStatus(INFORMATION_REQUESTED, advisor, officer);

        assertThatThrownBy(() -> referral.submit(advisor, LATER))
                .isInstanceOf(IllegalReferralTransitionException.class)
                .hasMessage("A referral cannot go from INFORMATION_REQUESTED to SUBMITTED:"
                        + " it goes back to the Caf with the answer to the question");
    }

    @Test
    void theStatusTableHasNoOtherMoveThanTheLifecycle() {
        for (ReferralStatus from : ReferralStatus.values()) {
            for (ReferralStatus to : ReferralStatus.values()) {
                boolean inLifecycle = ALLOWED.entrySet().stream()
                        .anyMatch(allowed -> allowed.getKey().target == to && allowed.getValue().contains(from));
                assertThat(from.canMoveTo(to)).as("%s → %s", from, to).isEqualTo(inLifecycle);
            }
        }
        assertThat(ReferralStatus.openStatuses()).containsExactlyInAnyOrder(DRAFT, SUBMITTED, INFORMATION_REQUESTED,
                ELIGIBLE, OFFERED, CARE_ARRANGED);
    }

    @ParameterizedTest(name = "a {0} referral can be edited")
    @EnumSource(value = ReferralStatus.class, names = {"DRAFT", "INFORMATION_REQUESTED"})
    void theAdvisorEditsADraftOrAReferralWaitingForTheirAnswer(ReferralStatus status) {
        Referral referral = Referrals.inStatus(status, advisor, officer);

        referral.update(Referrals.details().phone("+33698765432").build(), advisor, Referrals.TODAY);

        assertThat(referral.getPhone()).isEqualTo("+33698765432");
        assertThat(referral.getStatus()).isEqualTo(status);
    }

    @ParameterizedTest(name = "a {0} referral cannot be edited")
    @EnumSource(value = ReferralStatus.class, names = {"SUBMITTED", "ELIGIBLE", "INELIGIBLE", "WITHDRAWN", "OFFERED",
            "CARE_ARRANGED", "CLOSED", "NO_SOLUTION"})
    void aReferralOutOfTheAdvisorsHandsCannotBeEdited(ReferralStatus status) {
        Referral referral = Referrals.inStatus(status, advisor, officer);

        assertThatThrownBy(() -> referral.update(Referrals.details().phone("+33698765432").build(), advisor,
                Referrals.TODAY))
                .isInstanceOfSatisfying(IllegalReferralTransitionException.class, ex -> {
                    assertThat(ex.getFrom()).isEqualTo(status);
                    assertThat(ex.getTo()).isNull();
                    assertThat(ex).hasMessage("A referral cannot be changed once " + status);
                });
        assertThat(referral.getPhone()).isEqualTo("+33612345678");
    }

    static Stream<Named<UnaryOperator<Referrals.Details>>> missingRequirements() {
        return Stream.of(
                Named.of("without the parent's consent", Referrals.Details::withoutConsent),
                Named.of("without the parent's last name", details -> details.parent(null, "Sophie")),
                Named.of("without the parent's first name", details -> details.parent("Martin", null)),
                Named.of("without a France Travail identifier", details -> details.franceTravailId(null)),
                Named.of("without a phone number", details -> details.phone(null)),
                Named.of("without a commune", details -> details.commune(null, null)),
                Named.of("without a purpose", details -> details.purpose(null)),
                Named.of("without a kind of care", details -> details.need(null)),
                Named.of("without a first day", details -> details.dates(null, null)),
                Named.of("without a child", details -> details.children(new ReferralDetails.Child[0])),
                Named.of("for regular care without its days", details -> regular(details)
                        .regularSchedule(EnumSet.noneOf(DayOfWeek.class), LocalTime.of(8, 0), LocalTime.of(17, 0))),
                Named.of("for regular care without its hours", details -> regular(details)
                        .regularSchedule(EnumSet.of(DayOfWeek.MONDAY), null, null)),
                Named.of("for regular care without a last day", details -> regular(details)
                        .dates(Referrals.TODAY.plusWeeks(2), null)));
    }

    /** Complete regular care: Mondays and Thursdays from 8:00 to 17:00 for a month. */
    private static Referrals.Details regular(Referrals.Details details) {
        return details.need(CareNeed.REGULAR)
                .dates(Referrals.TODAY.plusWeeks(2), Referrals.TODAY.plusWeeks(6))
                .regularSchedule(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), LocalTime.of(8, 0),
                        LocalTime.of(17, 0));
    }

    @Test
    void regularCareWithItsDaysHoursAndLastDayCanBeSubmitted() {
        Referral referral = Referrals.draft(advisor, regular(Referrals.details()).build());

        assertThat(referral.isComplete()).isTrue();
        referral.submit(advisor, LATER);

        assertThat(referral.getStatus()).isEqualTo(SUBMITTED);
    }

    @ParameterizedTest(name = "a draft {0} cannot be submitted")
    @MethodSource("missingRequirements")
    void anIncompleteDraftCannotBeSubmitted(UnaryOperator<Referrals.Details> incomplete) {
        Referral referral = Referrals.draft(advisor, incomplete.apply(Referrals.details()).build());
        assertThat(referral.isComplete()).isFalse();

        assertThatThrownBy(() -> referral.submit(advisor, LATER))
                .isInstanceOf(IncompleteReferralException.class)
                .hasMessage("The referral is incomplete or lacks the parent's consent");

        assertThat(referral.getStatus()).isEqualTo(DRAFT);
        assertThat(referral.getTransitions()).hasSize(1);
        assertThat(referral.getSubmittedAt()).isNull();
    }

    @Test
    void anAnswerThatTakesConsentAwayIsRefused() {
        Referral referral = Referrals.inStatus(INFORMATION_REQUESTED, advisor, officer);
        referral.update(Referrals.details().withoutConsent().build(), advisor, Referrals.TODAY);

        assertThatThrownBy(() -> referral.answerInformationRequest(advisor, Referrals.ANSWER, LATER))
                .isInstanceOf(IncompleteReferralException.class);
        assertThat(referral.getStatus()).isEqualTo(INFORMATION_REQUESTED);
    }

    @Test
    void consentRecordsWhenAndByWhomItWasCollected() {
        Referral referral = Referrals.draft(advisor);

        assertThat(referral.getConsentGivenOn()).isEqualTo(Referrals.TODAY);
        assertThat(referral.getConsentCollectedBy()).isSameAs(advisor);
    }

    @Test
    void aQuestionAWithdrawalOrAnAnswerNeedsText() {
        Referral submitted = Referrals.inStatus(SUBMITTED, advisor, officer);
        assertThatIllegalArgumentException().isThrownBy(() -> submitted.requestInformation(officer, " ", LATER));
        assertThatIllegalArgumentException().isThrownBy(() -> submitted.withdraw(advisor, null, LATER));

        Referral waiting = Referrals.inStatus(INFORMATION_REQUESTED, advisor, officer);
        assertThatIllegalArgumentException().isThrownBy(() -> waiting.answerInformationRequest(advisor, "", LATER));

        assertThat(submitted.getStatus()).isEqualTo(SUBMITTED);
        assertThat(waiting.getStatus()).isEqualTo(INFORMATION_REQUESTED);
    }

    private static void assertMoved(Referral referral, ReferralStatus from, ReferralStatus to, UserAccount actor,
            String comment) {
        assertThat(referral.getStatus()).isEqualTo(to);
        assertThat(referral.getTransitions()).last().satisfies(transition -> {
            assertThat(transition.getFromStatus()).isEqualTo(from);
            assertThat(transition.getToStatus()).isEqualTo(to);
            assertThat(transition.getActor()).isSameAs(actor);
            assertThat(transition.getOccurredAt()).isEqualTo(LATER);
            assertThat(transition.getComment()).isEqualTo(comment);
        });
        assertThat(referral.getLastTransitionAt()).isEqualTo(LATER);
    }
}
