package fr.passerelle.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The Caf officer's pages: who may reach them, what the queue shows and in which order, and how a decision is
 * checked and recorded. Referrals are filed by advisors through the fixtures, as the advisor's pages would.
 */
@IntegrationTest
class EligibilityReviewWebTest {

    /** Every officer endpoint, with a request that would succeed on a submitted referral of the territory. */
    enum Endpoint {
        QUEUE(false, referral -> get("/officer/queue")),
        REVIEW(false, referral -> get("/officer/referrals/" + referral.getId())),
        DECIDE(true, referral -> post("/officer/referrals/" + referral.getId() + "/decision")
                .param("version", String.valueOf(referral.getVersion())).param("outcome", "ELIGIBLE"));

        final boolean post;
        final Function<Referral, MockHttpServletRequestBuilder> request;

        Endpoint(boolean post, Function<Referral, MockHttpServletRequestBuilder> request) {
            this.post = post;
            this.request = request;
        }

        MockHttpServletRequestBuilder from(Referral referral) {
            MockHttpServletRequestBuilder builder = request.apply(referral);
            return post ? builder.with(csrf()) : builder;
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ReferralFixtures fixtures;

    @Autowired
    TestAccounts accounts;

    @Autowired
    SqlStatementCounter statements;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    // --- Who may reach what -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void anonymousVisitorsAreSentToTheLoginPage(Endpoint endpoint) throws Exception {
        Referral referral = fixtures.submitted(fixtures.advisor());

        mvc.perform(endpoint.from(referral)).andExpect(redirectedUrl("/login"));

        assertUndecided(referral);
    }

    static Stream<Arguments> everyEndpointForEveryOtherRole() {
        List<Arguments> arguments = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (Role role : List.of(Role.ADVISOR, Role.PROVIDER, Role.ADMIN)) {
                arguments.add(Arguments.of(endpoint, role));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest
    @MethodSource("everyEndpointForEveryOtherRole")
    void otherRolesAreRefused(Endpoint endpoint, Role role) throws Exception {
        Account advisor = fixtures.advisor();
        Referral referral = fixtures.submitted(advisor);
        // Even the advisor who filed the referral does not decide on it.
        Account other = role == Role.ADVISOR ? advisor : accounts.create(role);

        mvc.perform(endpoint.from(referral).with(user(fixtures.principal(other)))).andExpect(status().isForbidden());

        assertUndecided(referral);
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"REVIEW", "DECIDE"})
    void anotherTerritorysOfficerDoesNotFindTheReferral(Endpoint endpoint) throws Exception {
        Referral referral = fixtures.submitted(fixtures.advisor());
        CurrentUser elsewhere = fixtures.principal(fixtures.officerIn("75"));

        mvc.perform(endpoint.from(referral).with(user(elsewhere))).andExpect(status().isNotFound());

        assertUndecided(referral);
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"REVIEW", "DECIDE"})
    void aDraftIsNotFoundByTheCaf(Endpoint endpoint) throws Exception {
        Referral draft = fixtures.draft(fixtures.advisor());
        CurrentUser officer = fixtures.principal(accounts.create(Role.CAF_OFFICER));

        mvc.perform(endpoint.from(draft).with(user(officer))).andExpect(status().isNotFound());

        Referral now = fixtures.reload(draft);
        assertThat(now.getStatus()).isEqualTo(ReferralStatus.DRAFT);
        assertThat(now.getVersion()).isEqualTo(draft.getVersion());
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"REVIEW", "DECIDE"})
    void aDraftWithdrawnBeforeItWasSentIsNotFoundByTheCaf(Endpoint endpoint) throws Exception {
        Account advisor = fixtures.advisor();
        Referral withdrawn = fixtures.withdraw(advisor, fixtures.draft(advisor));
        CurrentUser officer = fixtures.principal(accounts.create(Role.CAF_OFFICER));

        mvc.perform(endpoint.from(withdrawn).with(user(officer))).andExpect(status().isNotFound());

        Referral now = fixtures.reload(withdrawn);
        assertThat(now.getStatus()).isEqualTo(ReferralStatus.WITHDRAWN);
        assertThat(now.getSubmittedAt()).isNull();
        assertThat(now.getVersion()).isEqualTo(withdrawn.getVersion());
    }

    @Test
    void aDecisionWithoutTheCsrfTokenIsRefused() throws Exception {
        Referral referral = fixtures.submitted(fixtures.advisor());
        CurrentUser officer = fixtures.principal(accounts.create(Role.CAF_OFFICER));

        mvc.perform(Endpoint.DECIDE.request.apply(referral).with(user(officer))).andExpect(status().isForbidden());

        assertUndecided(referral);
    }

    @Test
    void theTerritorysOfficerSeesTheQueueAndReviewsAReferral() throws Exception {
        Referral referral = fixtures.submitted(fixtures.advisor());
        CurrentUser officer = fixtures.principal(accounts.create(Role.CAF_OFFICER));

        mvc.perform(Endpoint.QUEUE.from(referral).with(user(officer)))
                .andExpect(status().isOk()).andExpect(view().name("eligibility/queue"));
        String page = mvc.perform(Endpoint.REVIEW.from(referral).with(user(officer)))
                .andExpect(status().isOk()).andExpect(view().name("eligibility/review"))
                .andExpect(model().attribute("decidable", true))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("Vérifications automatiques", "Évry-Courcouronnes");
    }

    @Test
    void aReferralWaitingForTheAdvisorCanBeReadButNotDecided() throws Exception {
        Account officer = accounts.create(Role.CAF_OFFICER);
        Referral questioned = fixtures.requestInformation(officer, fixtures.submitted(fixtures.advisor()));

        mvc.perform(Endpoint.REVIEW.from(questioned).with(user(fixtures.principal(officer))))
                .andExpect(status().isOk())
                .andExpect(model().attribute("decidable", false));
    }

    // --- The queue ----------------------------------------------------------------------------------------------

    @Test
    void theQueueShowsTheTerritorysSubmittedReferralsEmergenciesFirstThenOldestFirst() throws Exception {
        String departement = fixtures.departementWithEmptyQueue();
        String commune = fixtures.communeIn(departement);
        Account officer = fixtures.officerIn(departement);
        Account advisor = fixtures.advisor();
        Referral oldest = fileIn(advisor, commune, departement, CareNeed.OCCASIONAL, true);
        fileIn(advisor, commune, departement, CareNeed.EMERGENCY_HOME_CARE, false);
        Referral firstEmergency = fileIn(advisor, commune, departement, CareNeed.EMERGENCY_HOME_CARE, true);
        Referral newest = fileIn(advisor, commune, departement, CareNeed.REGULAR, true);
        Referral secondEmergency = fileIn(advisor, commune, departement, CareNeed.EMERGENCY_HOME_CARE, true);
        Referral questioned = fixtures.requestInformation(officer,
                fileIn(advisor, commune, departement, CareNeed.OCCASIONAL, true));
        fixtures.declareEligible(officer, fileIn(advisor, commune, departement, CareNeed.OCCASIONAL, true));
        fixtures.withdraw(advisor, fileIn(advisor, commune, departement, CareNeed.OCCASIONAL, true));
        fixtures.submitted(advisor);
        CurrentUser viewer = fixtures.principal(officer);

        assertThat(queued(viewer, get("/officer/queue"))).containsExactly(firstEmergency.getId(),
                secondEmergency.getId(), oldest.getId(), newest.getId());
        assertThat(queued(viewer, get("/officer/queue").param("status", "INFORMATION_REQUESTED")))
                .containsExactly(questioned.getId());
        // Only the statuses waiting for someone make a queue: anything else is the default one.
        assertThat(queued(viewer, get("/officer/queue").param("status", "ELIGIBLE")))
                .containsExactly(firstEmergency.getId(), secondEmergency.getId(), oldest.getId(), newest.getId());
        assertThat(queued(viewer, get("/officer/queue").param("need", "EMERGENCY_HOME_CARE")))
                .containsExactly(firstEmergency.getId(), secondEmergency.getId());
        assertThat(queued(viewer, get("/officer/queue").param("purpose", "TRAINING"))).isEmpty();
    }

    @Test
    void anAnsweredReferralGoesBackToItsPlaceInTheQueue() throws Exception {
        String departement = fixtures.departementWithEmptyQueue();
        String commune = fixtures.communeIn(departement);
        Account officer = fixtures.officerIn(departement);
        Account advisor = fixtures.advisor();
        Referral first = fileIn(advisor, commune, departement, CareNeed.OCCASIONAL, true);
        Referral second = fileIn(advisor, commune, departement, CareNeed.OCCASIONAL, true);
        fixtures.answer(advisor, fixtures.requestInformation(officer, first));

        assertThat(queued(fixtures.principal(officer), get("/officer/queue")))
                .containsExactly(first.getId(), second.getId());
    }

    @Test
    void theQueueRunsAFewStatementsWhateverTheNumberOfRows() throws Exception {
        String quiet = fixtures.departementWithEmptyQueue();
        Account advisor = fixtures.advisor();
        CurrentUser quietOfficer = fixtures.principal(fixtures.officerIn(quiet));
        fileIn(advisor, fixtures.communeIn(quiet), quiet, CareNeed.OCCASIONAL, true);
        String busy = fixtures.departementWithEmptyQueue();
        CurrentUser busyOfficer = fixtures.principal(fixtures.officerIn(busy));
        List<String> communes = jdbc.sql("select insee_code from commune where departement_code = ? limit 30")
                .param(busy).query(String.class).list();
        for (int i = 0; i < 30; i++) {
            fileIn(advisor, communes.get(i % communes.size()), busy,
                    i % 3 == 0 ? CareNeed.EMERGENCY_HOME_CARE : CareNeed.OCCASIONAL, true);
        }

        long oneRow = statements.count(() -> mvc.perform(get("/officer/queue").with(user(quietOfficer)))
                .andExpect(status().isOk()));
        long fullPage = statements.count(() -> mvc.perform(get("/officer/queue").with(user(busyOfficer)))
                .andExpect(status().isOk()));

        assertThat(quiet).isNotEqualTo(busy);
        // Spring Data skips the count query when the first page is not full: one statement more, not one per row.
        // The others are the session check every signed-in request makes (SessionValidityFilter) and the bell's
        // unread count in the header (NotificationBell).
        assertThat(fullPage).isEqualTo(oneRow + 1);
        assertThat(fullPage).isLessThanOrEqualTo(5); // with the session check and the bell
        // The rows and the count in the queue's read-only transaction; the communes' names read alone.
        assertThat(statements.countTransactions(() -> mvc.perform(get("/officer/queue").with(user(busyOfficer)))
                .andExpect(status().isOk()))).isEqualTo(1);
    }

    // --- The decision -------------------------------------------------------------------------------------------

    @Test
    void ineligibleNeedsAReason() throws Exception {
        String page = refusedDecision(fixtures.submitted(fixtures.advisor()), "INELIGIBLE", null, null,
                "reason", "eligibility.decision.reason.required");

        assertThat(page).contains("Choisissez le motif de non-éligibilité.");
    }

    @Test
    void anotherReasonNeedsAComment() throws Exception {
        String page = refusedDecision(fixtures.submitted(fixtures.advisor()), "INELIGIBLE", "OTHER", null,
                "comment", "eligibility.decision.comment.requiredForOther");

        assertThat(page).contains("Précisez le motif en commentaire.");
    }

    @Test
    void anInformationRequestNeedsTheQuestion() throws Exception {
        String page = refusedDecision(fixtures.submitted(fixtures.advisor()), "INFORMATION_REQUESTED", null, "  ",
                "comment", "eligibility.decision.question.required");

        assertThat(page).contains("Écrivez la question à transmettre au conseiller.");
    }

    @Test
    void eligibleDespiteAFailedRuleNeedsAJustification() throws Exception {
        Referral tooOld = fixtures.file(fixtures.advisor(),
                fixtures.family().child("Emma", LocalDate.now(clock).minusYears(12)), true);

        String page = refusedDecision(tooOld, "ELIGIBLE", null, null,
                "justification", "eligibility.decision.justification.required");

        assertThat(page).contains("Une vérification n’est pas respectée ou n’a pas pu être faite : justifiez la "
                + "décision d’éligibilité.");
    }

    @Test
    void eligibleWhenARuleCannotTellNeedsAJustification() throws Exception {
        Referral notAttested = fixtures.file(fixtures.advisor(), fixtures.family().notAttested(), true);

        String page = refusedDecision(notAttested, "ELIGIBLE", null, null,
                "justification", "eligibility.decision.justification.required");

        assertThat(page).contains("Une vérification n’est pas respectée ou n’a pas pu être faite : justifiez la "
                + "décision d’éligibilité.");
    }

    @Test
    void theSameDecisionSentTwiceIsReportedAsTaken() throws Exception {
        Referral referral = fixtures.submitted(fixtures.advisor());
        CurrentUser officer = fixtures.principal(accounts.create(Role.CAF_OFFICER));

        mvc.perform(Endpoint.DECIDE.from(referral).with(user(officer))).andExpect(redirectedUrl("/officer/queue"));
        mvc.perform(Endpoint.DECIDE.from(referral).with(user(officer)))
                .andExpect(redirectedUrl("/officer/queue"))
                .andExpect(flash().attribute("flash", "eligibility.flash.ELIGIBLE"));

        assertThat(fixtures.reload(referral).getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
        assertThat(decisionsOn(referral)).isEqualTo(1);
    }

    @Test
    void aDecisionNeedsAnOutcome() throws Exception {
        String page = refusedDecision(fixtures.submitted(fixtures.advisor()), null, null, null, "outcome", "NotNull");

        assertThat(page).contains("Choisissez une décision.");
    }

    @Test
    void everyLinkOfTheErrorSummaryLeadsToItsField() throws Exception {
        String empty = refusedDecision(fixtures.submitted(fixtures.advisor()), null, null, null, "outcome", "NotNull");
        String noReason = refusedDecision(fixtures.submitted(fixtures.advisor()), "INELIGIBLE", null, null,
                "reason", "eligibility.decision.reason.required");

        for (String page : List.of(empty, noReason)) {
            String summary = page.substring(page.indexOf("id=\"error-summary\""));
            List<String> targets = Pattern.compile("href=\"#([^\"]+)\"")
                    .matcher(summary.substring(0, summary.indexOf("</ul>"))).results()
                    .map(match -> match.group(1)).toList();
            assertThat(targets).isNotEmpty()
                    .allSatisfy(id -> assertThat(page).contains("id=\"" + id + "\""));
        }
        assertThat(noReason).contains("aria-describedby=\"reason-hint reason-error\"");
    }

    @ParameterizedTest
    @EnumSource(DecisionOutcome.class)
    void aValidDecisionIsRecordedAndMovesTheReferral(DecisionOutcome outcome) throws Exception {
        Referral referral = fixtures.submitted(fixtures.advisor());
        CurrentUser officer = fixtures.principal(accounts.create(Role.CAF_OFFICER));
        MockHttpServletRequestBuilder decision = post("/officer/referrals/" + referral.getId() + "/decision")
                .with(csrf()).with(user(officer))
                .param("version", String.valueOf(referral.getVersion()))
                .param("outcome", outcome.name());
        if (outcome == DecisionOutcome.INELIGIBLE) {
            decision.param("reason", "DUPLICATE");
        }
        if (outcome == DecisionOutcome.INFORMATION_REQUESTED) {
            decision.param("comment", "Quel est l’horaire de l’entretien ?");
        }

        mvc.perform(decision)
                .andExpect(redirectedUrl("/officer/queue"))
                .andExpect(flash().attribute("flash", "eligibility.flash." + outcome));

        assertThat(fixtures.reload(referral).getStatus()).isEqualTo(ReferralStatus.valueOf(outcome.name()));
        assertThat(decisionsOn(referral)).isEqualTo(1);
    }

    @Test
    void aJustifiedDecisionOverridesAFailedRule() throws Exception {
        Referral tooOld = fixtures.file(fixtures.advisor(),
                fixtures.family().child("Emma", LocalDate.now(clock).minusYears(12)), true);
        CurrentUser officer = fixtures.principal(accounts.create(Role.CAF_OFFICER));

        mvc.perform(Endpoint.DECIDE.from(tooOld).with(user(officer))
                        .param("justification", "Dixième anniversaire la veille : dérogation accordée."))
                .andExpect(redirectedUrl("/officer/queue"));

        assertThat(fixtures.reload(tooOld).getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
        assertThat(jdbc.sql("select justification from eligibility_decision where referral_id = ?")
                .param(tooOld.getId()).query(String.class).single())
                .isEqualTo("Dixième anniversaire la veille : dérogation accordée.");
    }

    @Test
    void aStaleDecisionIsExplainedAndChangesNothing() throws Exception {
        Account advisor = fixtures.advisor();
        Referral stale = fixtures.submitted(advisor);
        fixtures.answer(advisor, fixtures.requestInformation(accounts.create(Role.CAF_OFFICER), stale));
        long currentVersion = fixtures.reload(stale).getVersion();
        CurrentUser officer = fixtures.principal(accounts.create(Role.CAF_OFFICER));

        mvc.perform(Endpoint.DECIDE.from(stale).with(user(officer)))
                .andExpect(redirectedUrl("/officer/referrals/" + stale.getId()))
                .andExpect(flash().attribute("error", "eligibility.stale"));

        Referral now = fixtures.reload(stale);
        assertThat(now.getStatus()).isEqualTo(ReferralStatus.SUBMITTED);
        assertThat(now.getVersion()).isEqualTo(currentVersion);
        assertThat(decisionsOn(stale)).isEqualTo(1);
    }

    @Test
    void aDecidedReferralCannotBeDecidedAgain() throws Exception {
        Account officer = accounts.create(Role.CAF_OFFICER);
        Referral eligible = fixtures.declareEligible(officer, fixtures.submitted(fixtures.advisor()));

        mvc.perform(post("/officer/referrals/" + eligible.getId() + "/decision").with(csrf())
                        .with(user(fixtures.principal(officer)))
                        .param("version", String.valueOf(eligible.getVersion()))
                        .param("outcome", "INELIGIBLE").param("reason", "DUPLICATE"))
                .andExpect(redirectedUrl("/officer/referrals/" + eligible.getId()))
                .andExpect(flash().attribute("error", "referral.transition.illegal"));

        assertThat(fixtures.reload(eligible).getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
        assertThat(decisionsOn(eligible)).isEqualTo(1);
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private Referral fileIn(Account advisor, String commune, String departement, CareNeed need, boolean submit) {
        return fixtures.file(advisor, fixtures.family().livingIn(commune, departement).need(need)
                .purpose(Purpose.JOB_INTERVIEW), submit);
    }

    /** Posts the decision, expects the review page again with that field error, and checks nothing was saved. */
    private String refusedDecision(Referral referral, String outcome, String reason, String comment, String field,
            String code) throws Exception {
        CurrentUser officer = fixtures.principal(accounts.create(Role.CAF_OFFICER));
        MockHttpServletRequestBuilder decision = post("/officer/referrals/" + referral.getId() + "/decision")
                .with(csrf()).with(user(officer)).param("version", String.valueOf(referral.getVersion()));
        if (outcome != null) {
            decision.param("outcome", outcome);
        }
        if (reason != null) {
            decision.param("reason", reason);
        }
        if (comment != null) {
            decision.param("comment", comment);
        }

        String page = mvc.perform(decision)
                .andExpect(status().isOk())
                .andExpect(view().name("eligibility/review"))
                .andExpect(model().attributeHasFieldErrorCode("form", field, code))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertUndecided(referral);
        return page;
    }

    private void assertUndecided(Referral before) {
        Referral now = fixtures.reload(before);
        assertThat(now.getStatus()).isEqualTo(before.getStatus());
        assertThat(now.getVersion()).isEqualTo(before.getVersion());
        assertThat(decisionsOn(before)).isZero();
    }

    private long decisionsOn(Referral referral) {
        return jdbc.sql("select count(*) from eligibility_decision where referral_id = ?").param(referral.getId())
                .query(Long.class).single();
    }

    private List<Long> queued(CurrentUser officer, MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request.with(user(officer))).andExpect(status().isOk()).andReturn();
        @SuppressWarnings("unchecked")
        Page<Referral> page = (Page<Referral>) result.getModelAndView().getModel().get("page");
        return page.getContent().stream().map(Referral::getId).toList();
    }
}
