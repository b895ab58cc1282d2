package fr.passerelle.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.referral.Outcome;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.referral.ReferralService;
import fr.passerelle.routing.offer.AdvisorOutcomeFixtures;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts.Account;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The follow-up of outcomes on a real PostgreSQL: the job creates each due follow-up once (even two runs at once) and
 * notifies the advisor once; the advisor answers it on the referral's page (errors next to the fields, one answer,
 * stale versions refused, other organisations kept out); the answers show on the page and the home; the retention
 * figures are masked under the threshold.
 */
@IntegrationTest
class FollowUpTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    FollowUps followUps;

    @Autowired
    FollowUpStatistics statistics;

    @Autowired
    ReferralService referralService;

    @Autowired
    ReferralFixtures referrals;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    ApplicationContext context;

    AdvisorOutcomeFixtures fixtures;
    Account advisor;
    Account officer;
    CurrentUser owner;

    @BeforeEach
    void setUp() {
        fixtures = new AdvisorOutcomeFixtures(context, referrals);
        advisor = referrals.advisor();
        officer = referrals.officerIn(ReferralFixtures.ESSONNE);
        owner = referrals.principal(advisor);
    }

    /** A referral whose job started {@code daysAgo} days ago (outcome recorded then). */
    long jobStarted(int daysAgo) {
        Referral referral = fixtures.careArranged(advisor, officer, fixtures.today().plusDays(7)).referral();
        jdbc.sql("update referral set first_day = current_date - 3, last_day = current_date - 2 where id = ?")
                .param(referral.getId()).update();
        referralService.recordOutcome(owner, referral.getId(), Outcome.JOB_STARTED, null);
        jdbc.sql("update referral set closed_at = closed_at - make_interval(days => ?) where id = ?")
                .params(daysAgo, referral.getId()).update();
        return referral.getId();
    }

    long followUpsOf(long referralId) {
        return jdbc.sql("select count(*) from outcome_follow_up where referral_id = ?").param(referralId)
                .query(Long.class).single();
    }

    long notified(long referralId) {
        return jdbc.sql("select count(*) from notification where kind = 'FOLLOW_UP_DUE' and link = ?")
                .param("/advisor/referrals/" + referralId).query(Long.class).single();
    }

    long emailed(long referralId) {
        return jdbc.sql("select count(*) from outbound_email where kind = 'FOLLOW_UP_DUE' and recipient_user_id = ?")
                .param(advisor.user().getId()).query(Long.class).single();
    }

    @Test
    void theJobCreatesEachDueFollowUpOnceAndNotifiesTheAdvisorOnce() {
        long id = jobStarted(20);
        followUps.createDueAt(clock.instant());
        assertThat(followUpsOf(id)).as("not due yet").isZero();

        Instant inAMonth = clock.instant().plus(java.time.Duration.ofDays(15));
        followUps.createDueAt(inAMonth);
        followUps.createDueAt(inAMonth);

        assertThat(jdbc.sql("select milestone from outcome_follow_up where referral_id = ?").param(id)
                .query(String.class).list()).containsExactly("ONE_MONTH");
        assertThat(notified(id)).isOne();
        assertThat(emailed(id)).isOne();

        followUps.createDueAt(clock.instant().plus(java.time.Duration.ofDays(200)));
        assertThat(followUpsOf(id)).isEqualTo(2);
        assertThat(notified(id)).isEqualTo(2);
    }

    @Test
    void twoRunsAtOnceCreateAndNotifyOnce() throws Exception {
        long id = jobStarted(40);
        Instant now = clock.instant();
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> run = () -> {
            start.await();
            return followUps.createDueAt(now);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = List.of(pool.submit(run), pool.submit(run));
            start.countDown();
            for (Future<Integer> f : runs) {
                f.get();
            }
        }
        finally {
            pool.shutdown();
        }
        assertThat(followUpsOf(id)).isOne();
        assertThat(notified(id)).isOne();
    }

    Document page(CurrentUser who, long id) throws Exception {
        return Jsoup.parse(mvc.perform(get("/advisor/referrals/" + id).with(user(who)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    long openFollowUp(long id) {
        return jdbc.sql("select id from outcome_follow_up where referral_id = ? and answer is null").param(id)
                .query(Long.class).single();
    }

    @Test
    void theAdvisorAnswersOnceOnTheReferralsPage() throws Exception {
        long id = jobStarted(40);
        followUps.createDueAt(clock.instant());
        long followUp = openFollowUp(id);

        Document home = Jsoup.parse(mvc.perform(get("/advisor").with(user(owner))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(home.select("[data-testid=follow-up-pending]").text()).contains("n° " + id, "suivi à un mois");
        Document page = page(owner, id);
        assertThat(page.select("[data-testid=follow-up-form]")).hasSize(1);
        assertThat(page.selectFirst("[data-testid=follow-up-entry]").text()).contains("À compléter");

        // No answer, then "ended early" without its reason: errors next to the fields, nothing saved.
        mvc.perform(post("/advisor/referrals/" + id + "/follow-up").with(user(owner)).with(csrf())
                        .param("followUpId", "" + followUp).param("version", "0"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attributeExists("org.springframework.validation.BindingResult.followUpForm"));
        mvc.perform(post("/advisor/referrals/" + id + "/follow-up").with(user(owner)).with(csrf())
                        .param("followUpId", "" + followUp).param("version", "0").param("answer", "ENDED_EARLY"))
                .andExpect(flash().attributeExists("org.springframework.validation.BindingResult.followUpForm"));
        // Through the session (in PostgreSQL), as a browser follows the redirect.
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/advisor/referrals/" + id + "/follow-up").with(user(owner)).with(csrf()).session(session)
                .param("followUpId", "" + followUp).param("version", "0").param("answer", "ENDED_EARLY"));
        Document withErrors = Jsoup.parse(mvc.perform(get("/advisor/referrals/" + id).with(user(owner))
                .session(session)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(withErrors.selectFirst("#follow-up-answer-ENDED_EARLY").hasAttr("checked")).isTrue();
        assertThat(withErrors.selectFirst("#follow-up-reason-error").text()).isEqualTo("Indiquez le motif de l’arrêt.");
        assertThat(withErrors.selectFirst("#follow-up-reason").attr("aria-describedby"))
                .isEqualTo("follow-up-reason-error");
        assertThat(followUps.forReferral(owner, id).get(0).isAnswered()).isFalse();

        // Another organisation's advisor: 404; a Caf officer: 403.
        CurrentUser stranger = referrals.principal(referrals.advisor());
        mvc.perform(post("/advisor/referrals/" + id + "/follow-up").with(user(stranger)).with(csrf())
                        .param("followUpId", "" + followUp).param("version", "0").param("answer", "CONTINUING"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/advisor/referrals/" + id + "/follow-up").with(user(referrals.principal(officer)))
                        .with(csrf()).param("followUpId", "" + followUp).param("version", "0")
                        .param("answer", "CONTINUING"))
                .andExpect(status().isForbidden());

        // A stale version is refused.
        mvc.perform(post("/advisor/referrals/" + id + "/follow-up").with(user(owner)).with(csrf())
                        .param("followUpId", "" + followUp).param("version", "7").param("answer", "CONTINUING"))
                .andExpect(flash().attribute("error", "followUp.stale"));

        // Answered, then the same form sent again: one answer.
        mvc.perform(post("/advisor/referrals/" + id + "/follow-up").with(user(owner)).with(csrf())
                        .param("followUpId", "" + followUp).param("version", "0").param("answer", "ENDED_EARLY")
                        .param("endReason", "CHILDCARE").param("comment", "Plus de solution de garde."))
                .andExpect(flash().attribute("flash", "followUp.flash.recorded"));
        mvc.perform(post("/advisor/referrals/" + id + "/follow-up").with(user(owner)).with(csrf())
                        .param("followUpId", "" + followUp).param("version", "0").param("answer", "CONTINUING"))
                .andExpect(flash().attribute("flash", "followUp.flash.alreadyAnswered"));
        FollowUps.FollowUp answered = followUps.forReferral(owner, id).get(0);
        assertThat(answered.answer()).isEqualTo(FollowUpAnswer.ENDED_EARLY);
        assertThat(answered.endReason()).isEqualTo(EndReason.CHILDCARE);

        Document after = page(owner, id);
        assertThat(after.select("[data-testid=follow-up-form]")).isEmpty();
        assertThat(after.selectFirst("[data-testid=follow-up-entry]").text())
                .contains("S’est arrêté avant le terme", "Problème de garde d’enfant", "Plus de solution de garde.");
        assertThat(after.selectFirst("[data-testid=timeline] [data-testid=timeline-follow-up]").text())
                .contains("Suivi à un mois : S’est arrêté avant le terme", "Problème de garde d’enfant");
        Document homeAfter = Jsoup.parse(mvc.perform(get("/advisor").with(user(owner))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(homeAfter.select("[data-testid=follow-up-pending]")).isEmpty();
    }

    @Test
    void anonymisationErasesTheFollowUpsComments(@Autowired fr.passerelle.privacy.Anonymiser anonymiser,
            @Autowired org.springframework.transaction.support.TransactionTemplate transactions) {
        long id = jobStarted(40);
        followUps.createDueAt(clock.instant());
        followUps.answer(owner, id, openFollowUp(id), 0, FollowUpAnswer.ENDED_EARLY, EndReason.HEALTH,
                "Arrêt maladie de la mère.");

        transactions.executeWithoutResult(status -> anonymiser.anonymise(List.of(id), clock.instant()));

        assertThat(jdbc.sql("select coalesce(comment, '') || answer from outcome_follow_up where referral_id = ?")
                .param(id).query(String.class).single()).isEqualTo("ENDED_EARLY");
    }

    @Test
    void retentionFiguresAreMaskedUnderTheThreshold() throws Exception {
        LocalDate from = fixtures.today().minusDays(60);
        LocalDate to = fixtures.today();
        long first = jobStarted(40);
        followUps.createDueAt(clock.instant());
        FollowUpStatistics.Figures one = statistics.figures(owner, from, to);
        assertThat(one.retention()).singleElement().satisfies(r -> {
            assertThat(r.milestone()).isEqualTo(Milestone.ONE_MONTH);
            assertThat(r.due().masked()).isTrue();
            assertThat(r.notAnswered().masked()).isTrue();
        });
        var started = mvc.perform(get("/statistics/follow-up.csv").with(user(owner))
                .param("from", from.toString()).param("to", to.toString())).andReturn();
        String csv = mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("Suivis échus", "À un mois;< 5;< 5;< 5;< 5;< 5");
        for (int i = 0; i < 4; i++) {
            jobStarted(40);
        }
        followUps.createDueAt(clock.instant());
        jdbc.sql("""
                        update outcome_follow_up set answer = 'CONTINUING', answered_at = now()
                        where organisation_id = ?""").param(owner.getOrganisationId()).update();
        FollowUpStatistics.Retention five = statistics.figures(owner, from, to).retention().get(0);
        assertThat(five.due().value()).isEqualTo(5);
        assertThat(five.continuing().value()).isEqualTo(5);
        assertThat(five.continuing().percent()).isEqualTo(100);
        assertThat(five.endedEarly().masked()).isTrue();
        assertThat(five.notAnswered().masked()).isTrue();
        assertThat(first).isPositive();
    }
}
