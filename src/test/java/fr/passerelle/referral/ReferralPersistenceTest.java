package fr.passerelle.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import fr.passerelle.eligibility.DecisionForm;
import fr.passerelle.eligibility.DecisionOutcome;
import fr.passerelle.eligibility.EligibilityReviewService;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import fr.passerelle.system.StaleDataException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.BeanPropertyBindingResult;

/** What the database guarantees for referrals: one transaction per change, an untouchable history, no lost update. */
@IntegrationTest
class ReferralPersistenceTest {

    @Autowired
    ReferralService referrals;

    @Autowired
    ReferralRepository repository;

    @Autowired
    EligibilityReviewService reviews;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    Clock clock;

    // -- The timeline is written with the status, in the same transaction

    @Test
    void theStatusChangeAndItsTimelineRowAreWrittenByTheSameTransaction() {
        CurrentUser advisor = advisor();
        Referral draft = referrals.create(advisor, UUID.randomUUID(), family().build(), false);

        referrals.submit(advisor, draft.getId(), draft.getVersion());

        assertThat(status(draft.getId())).isEqualTo("SUBMITTED");
        // xmin is the id of the transaction that wrote the row version.
        String statusWrittenBy = jdbc.sql("select xmin::text from referral where id = ?")
                .param(draft.getId()).query(String.class).single();
        String submissionWrittenBy = jdbc.sql("""
                select xmin::text from referral_transition where referral_id = ? and to_status = 'SUBMITTED'""")
                .param(draft.getId()).query(String.class).single();
        String draftWrittenBy = jdbc.sql("""
                select xmin::text from referral_transition where referral_id = ? and to_status = 'DRAFT'""")
                .param(draft.getId()).query(String.class).single();
        assertThat(submissionWrittenBy).isEqualTo(statusWrittenBy);
        assertThat(draftWrittenBy).isNotEqualTo(statusWrittenBy);
    }

    @Test
    void aStatusChangeRolledBackLeavesNoTimelineRowBehind() {
        CurrentUser advisor = advisor();
        Referral draft = referrals.create(advisor, UUID.randomUUID(), family().build(), false);

        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(transaction -> {
            referrals.submit(advisor, draft.getId(), draft.getVersion());
            repository.flush();
            assertThat(status(draft.getId())).isEqualTo("SUBMITTED");
            assertThat(timeline(draft.getId())).containsExactly("DRAFT", "SUBMITTED");
            throw new IllegalStateException("a failure later in the same transaction");
        })).hasMessage("a failure later in the same transaction");

        assertThat(status(draft.getId())).isEqualTo("DRAFT");
        assertThat(timeline(draft.getId())).containsExactly("DRAFT");
    }

    // -- What a sent referral holds

    @Test
    void aSentRegularReferralCannotLoseItsScheduleInTheDatabase() {
        CurrentUser advisor = advisor();
        LocalDate from = today().plusWeeks(2);
        Referral regular = referrals.create(advisor, UUID.randomUUID(), family().need(CareNeed.REGULAR)
                .dates(from, from.plusWeeks(4))
                .regularSchedule(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(17, 0)).build(),
                true);

        assertThatThrownBy(() -> jdbc.sql("update referral set last_day = null where id = ?")
                .param(regular.getId()).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("referral_regular_schedule_when_sent");
        assertThatThrownBy(() -> jdbc.sql("update referral set regular_days = 0 where id = ?")
                .param(regular.getId()).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("referral_regular_schedule_when_sent");
    }

    @Test
    void aDraftWithdrawnBeforeItWasSentIsStoredWithoutASubmissionDate() {
        CurrentUser advisor = advisor();
        Referral draft = referrals.create(advisor, UUID.randomUUID(),
                family().phone(null).withoutConsent().build(), false);

        referrals.withdraw(advisor, draft.getId(), draft.getVersion(), Referrals.WITHDRAWAL_REASON);

        assertThat(status(draft.getId())).isEqualTo("WITHDRAWN");
        assertThat(repository.findById(draft.getId()).orElseThrow().getSubmittedAt()).isNull();
    }

    // -- The history is append-only

    @Test
    void aTimelineRowCannotBeRewritten() {
        long transitionId = firstTransitionOf(submittedReferral(advisor()));

        assertThatThrownBy(() -> jdbc.sql("update referral_transition set comment = 'rewritten' where id = ?")
                .param(transitionId).update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("referral_transition rows are append-only");
        assertThat(jdbc.sql("select comment from referral_transition where id = ?").param(transitionId)
                .query(String.class).optional()).isEmpty();
    }

    @Test
    void aTimelineRowCannotBeDeleted() {
        long transitionId = firstTransitionOf(submittedReferral(advisor()));

        assertThatThrownBy(() -> jdbc.sql("delete from referral_transition where id = ?").param(transitionId).update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("referral_transition rows are append-only");
        assertThat(count("select count(*) from referral_transition where id = ?", transitionId)).isOne();
    }

    @Test
    void theTimelineCannotBeEmptiedAtOnce() {
        long transitionId = firstTransitionOf(submittedReferral(advisor()));
        TransactionTemplate rolledBack = new TransactionTemplate(transactionManager);

        // In a transaction that is rolled back whatever happens, so that a missing trigger cannot wipe shared data.
        assertThatThrownBy(() -> rolledBack.executeWithoutResult(transaction -> {
            transaction.setRollbackOnly();
            jdbc.sql("truncate referral_transition").update();
        }))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("referral_transition rows are append-only");
        assertThat(count("select count(*) from referral_transition where id = ?", transitionId)).isOne();
    }

    @Test
    void anEligibilityDecisionCannotBeRewritten() {
        long decisionId = decisionOn(submittedReferral(advisor()));

        assertThatThrownBy(() -> jdbc.sql("update eligibility_decision set outcome = 'INELIGIBLE', reason = 'OTHER'"
                + " where id = ?").param(decisionId).update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("eligibility_decision rows are append-only");
        assertThat(jdbc.sql("select outcome from eligibility_decision where id = ?").param(decisionId)
                .query(String.class).single()).isEqualTo("ELIGIBLE");
    }

    @Test
    void anEligibilityDecisionCannotBeDeleted() {
        long decisionId = decisionOn(submittedReferral(advisor()));

        assertThatThrownBy(() -> jdbc.sql("delete from eligibility_decision where id = ?").param(decisionId).update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("eligibility_decision rows are append-only");
        assertThat(count("select count(*) from eligibility_decision where id = ?", decisionId)).isOne();
    }

    // -- Two people editing the same referral

    @Test
    void theSecondOfTwoAdvisorsSavingTheSameVersionIsRefusedAndTheFirstChangeIsKept() {
        Account first = accounts.create(Role.ADVISOR);
        Account second = accounts.create(Role.ADVISOR, first.user().getOrganisation());
        Referrals.Details family = family();
        Referral draft = referrals.create(signedIn(first), UUID.randomUUID(), family.build(), false);
        long seenByFirst = referrals.get(signedIn(first), draft.getId()).getVersion();
        long seenBySecond = referrals.get(signedIn(second), draft.getId()).getVersion();

        referrals.update(signedIn(first), draft.getId(), seenByFirst, family.phone("+33611111111").build(), false);

        assertThatThrownBy(() -> referrals.update(signedIn(second), draft.getId(), seenBySecond,
                family.phone("+33622222222").build(), false))
                .isInstanceOf(StaleDataException.class);
        Referral saved = referrals.get(signedIn(first), draft.getId());
        assertThat(saved.getPhone()).isEqualTo("+33611111111");
        assertThat(saved.getVersion()).isEqualTo(seenByFirst + 1);
    }

    @Test
    void aSaveThatRacesPastTheVersionCheckIsStillRefusedByTheVersionColumn() {
        Account first = accounts.create(Role.ADVISOR);
        Account second = accounts.create(Role.ADVISOR, first.user().getOrganisation());
        Referrals.Details family = family();
        Referral draft = referrals.create(signedIn(first), UUID.randomUUID(), family.build(), false);
        long version = draft.getVersion();
        TransactionTemplate secondUsersRequest = new TransactionTemplate(transactionManager);
        TransactionTemplate firstUsersRequest = new TransactionTemplate(transactionManager);
        firstUsersRequest.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        assertThatThrownBy(() -> secondUsersRequest.executeWithoutResult(transaction -> {
            // The second request has read the referral when the first one commits its change.
            repository.findById(draft.getId()).orElseThrow();
            firstUsersRequest.executeWithoutResult(inner -> referrals.update(signedIn(first), draft.getId(), version,
                    family.phone("+33611111111").build(), false));
            referrals.update(signedIn(second), draft.getId(), version, family.phone("+33622222222").build(), false);
        })).isInstanceOf(OptimisticLockingFailureException.class);

        assertThat(referrals.get(signedIn(first), draft.getId()).getPhone()).isEqualTo("+33611111111");
    }

    // -- The same form posted twice

    @Test
    void postingTheSameNewReferralFormTwiceFilesOneReferral() {
        CurrentUser advisor = advisor();
        UUID token = UUID.randomUUID();
        ReferralDetails details = family().build();

        Referral first = referrals.create(advisor, token, details, true);
        Referral second = referrals.create(advisor, token, details, true);

        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(count("select count(*) from referral where creation_token = ?", token)).isOne();
        assertThat(timeline(first.getId())).containsExactly("DRAFT", "SUBMITTED");
    }

    @Test
    void postingTheSameNewReferralFormTwiceAtOnceFilesOneReferral() throws Exception {
        CurrentUser advisor = advisor();
        UUID token = UUID.randomUUID();
        ReferralDetails details = family().build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Long> filed = new ArrayList<>();
        try {
            Callable<Long> post = () -> {
                start.await();
                try {
                    return referrals.create(advisor, token, details, true).getId();
                }
                catch (DataIntegrityViolationException ex) {
                    // What the controller does when the other request won the race on the creation token.
                    return referrals.findByCreationToken(advisor, token).getId();
                }
            };
            List<Future<Long>> posts = List.of(pool.submit(post), pool.submit(post));
            start.countDown();
            for (Future<Long> result : posts) {
                filed.add(result.get(30, TimeUnit.SECONDS));
            }
        }
        finally {
            pool.shutdown();
        }

        assertThat(filed).hasSize(2).containsOnly(filed.get(0));
        assertThat(count("select count(*) from referral where creation_token = ?", token)).isOne();
    }

    // -- Duplicates: another open referral for the same child, same parent, overlapping dates

    @Test
    void anOpenReferralOfAnotherOrganisationForTheSameChildIsADuplicate() {
        Referrals.Details family = family();
        Account other = accounts.create(Role.ADVISOR);
        Referral existing = referrals.create(signedIn(other), UUID.randomUUID(), family.build(), true);

        List<DuplicateReferral> duplicates = referrals.findDuplicates(advisor(), family.build(), null);

        assertThat(duplicates).containsExactly(new DuplicateReferral(existing.getId(), false,
                other.user().getOrganisation().getName(), ReferralStatus.SUBMITTED, existing.getFirstDay()));
    }

    @Test
    void theParentIsRecognisedByIdentifierEvenWhenTheNameIsTypedDifferently() {
        Referrals.Details family = family();
        Referral existing = referrals.create(advisor(), UUID.randomUUID(), family.build(), true);

        assertThat(referrals.findDuplicates(advisor(), family.parent("Martinez", "Sofia").build(), null))
                .extracting(DuplicateReferral::id).containsExactly(existing.getId());
    }

    @Test
    void theParentIsRecognisedByNameEvenWithAnotherIdentifierOrAccentsAndCase() {
        Referrals.Details family = family();
        ReferralDetails filed = family.parent("Lefèvre-" + unique(), "Hélène").build();
        Referral existing = referrals.create(advisor(), UUID.randomUUID(), filed, true);

        String lastNameInCapitalsWithoutAccent = filed.parentLastName().toUpperCase(Locale.ROOT).replace('È', 'E');
        ReferralDetails typedAgain = family.parent(lastNameInCapitalsWithoutAccent, "HELENE")
                .franceTravailId("7654321B").build();

        assertThat(referrals.findDuplicates(advisor(), typedAgain, null))
                .extracting(DuplicateReferral::id).containsExactly(existing.getId());
    }

    @Test
    void theChildsFirstNameIsComparedWithoutRegardToCase() {
        LocalDate birthDate = today().minusYears(3);
        String firstName = "Élodie-" + unique();
        Referrals.Details family = family().children(Referrals.child(firstName, birthDate));
        Referral existing = referrals.create(advisor(), UUID.randomUUID(), family.build(), true);

        ReferralDetails typedInCapitals = family
                .children(Referrals.child(firstName.toUpperCase(Locale.ROOT), birthDate)).build();

        assertThat(referrals.findDuplicates(advisor(), typedInCapitals, null))
                .extracting(DuplicateReferral::id).containsExactly(existing.getId());
    }

    @Test
    void anotherChildOfTheSameParentIsNotADuplicate() {
        Referrals.Details family = family();
        referrals.create(advisor(), UUID.randomUUID(), family.build(), true);
        ReferralDetails.Child child = family.build().children().get(0);

        assertThat(referrals.findDuplicates(advisor(),
                family.children(Referrals.child(child.firstName(), child.birthDate().minusYears(2))).build(), null))
                .isEmpty();
        assertThat(referrals.findDuplicates(advisor(),
                family.children(Referrals.child("Autre-" + unique(), child.birthDate())).build(), null))
                .isEmpty();
    }

    @Test
    void aWithdrawnReferralIsNotADuplicate() {
        CurrentUser advisor = advisor();
        Referrals.Details family = family();
        Referral existing = referrals.create(advisor, UUID.randomUUID(), family.build(), true);
        referrals.withdraw(advisor, existing.getId(), existing.getVersion(), Referrals.WITHDRAWAL_REASON);

        assertThat(referrals.findDuplicates(advisor, family.build(), null)).isEmpty();
    }

    @Test
    void onlyOverlappingDatesMakeADuplicate() {
        LocalDate from = today().plusWeeks(2);
        Referrals.Details family = family().dates(from, from.plusDays(6));
        Referral existing = referrals.create(advisor(), UUID.randomUUID(), family.build(), true);

        assertThat(referrals.findDuplicates(advisor(), family.dates(from.plusDays(7), from.plusDays(10)).build(),
                null)).isEmpty();
        assertThat(referrals.findDuplicates(advisor(), family.dates(from.minusDays(3), from.minusDays(1)).build(),
                null)).isEmpty();
        assertThat(referrals.findDuplicates(advisor(), family.dates(from.plusDays(6), null).build(), null))
                .extracting(DuplicateReferral::id).containsExactly(existing.getId());
        assertThat(referrals.findDuplicates(advisor(), family.dates(from.minusDays(3), from).build(), null))
                .extracting(DuplicateReferral::id).containsExactly(existing.getId());
    }

    @Test
    void aDraftIsADuplicateForItsOwnOrganisationOnly() {
        Account author = accounts.create(Role.ADVISOR);
        Account colleague = accounts.create(Role.ADVISOR, author.user().getOrganisation());
        Referrals.Details family = family();
        Referral draft = referrals.create(signedIn(author), UUID.randomUUID(), family.build(), false);

        assertThat(referrals.findDuplicates(signedIn(colleague), family.build(), null))
                .containsExactly(new DuplicateReferral(draft.getId(), true,
                        author.user().getOrganisation().getName(), ReferralStatus.DRAFT, draft.getFirstDay()));
        assertThat(referrals.findDuplicates(advisor(), family.build(), null)).isEmpty();
    }

    @Test
    void theReferralBeingEditedIsNotItsOwnDuplicate() {
        CurrentUser advisor = advisor();
        Referrals.Details family = family();
        Referral draft = referrals.create(advisor, UUID.randomUUID(), family.build(), false);

        assertThat(referrals.findDuplicates(advisor, family.build(), draft.getId())).isEmpty();
    }

    private Referrals.Details family() {
        return Referrals.detailsAsOf(today()).ofAnotherFamily();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private CurrentUser advisor() {
        return signedIn(accounts.create(Role.ADVISOR));
    }

    private CurrentUser signedIn(Account account) {
        return accounts.signedIn(account);
    }

    private Referral submittedReferral(CurrentUser advisor) {
        return referrals.create(advisor, UUID.randomUUID(), family().build(), true);
    }

    private long decisionOn(Referral referral) {
        CurrentUser officer = signedIn(accounts.create(Role.CAF_OFFICER));
        DecisionForm form = new DecisionForm();
        form.setVersion(referral.getVersion());
        form.setOutcome(DecisionOutcome.ELIGIBLE);
        assertThat(reviews.decide(officer, referral.getId(), form, new BeanPropertyBindingResult(form, "form")))
                .isTrue();
        return jdbc.sql("select id from eligibility_decision where referral_id = ?").param(referral.getId())
                .query(Long.class).single();
    }

    private long firstTransitionOf(Referral referral) {
        return jdbc.sql("select min(id) from referral_transition where referral_id = ?").param(referral.getId())
                .query(Long.class).single();
    }

    private String status(long referralId) {
        return jdbc.sql("select status from referral where id = ?").param(referralId).query(String.class).single();
    }

    private List<String> timeline(long referralId) {
        return jdbc.sql("select to_status from referral_transition where referral_id = ? order by occurred_at, id")
                .param(referralId).query(String.class).list();
    }

    private long count(String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
