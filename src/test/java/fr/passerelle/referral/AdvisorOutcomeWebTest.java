package fr.passerelle.referral;

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
import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.routing.offer.AdvisorOutcomeFixtures;
import fr.passerelle.routing.offer.AdvisorOutcomeFixtures.Arranged;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The advisor's side of routing on the referral page: the progress of the offers (kind, commune, status, dates, never
 * the provider's name), the outcome form once the care has started, "no solution", and withdrawal freeing the place.
 */
@IntegrationTest
class AdvisorOutcomeWebTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ReferralFixtures referrals;

    @Autowired
    TestAccounts accounts;

    @Autowired
    SqlStatementCounter statements;

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

    // --- Progress ------------------------------------------------------------------------------------------------

    @Test
    void theProgressShowsEachOfferWithItsKindCommuneAndStatusButNeverTheProvidersName() throws Exception {
        Arranged arranged = fixtures.declinedThenArranged(advisor, officer, fixtures.today().plusDays(7));
        Document page = page(arranged.referral().getId());

        List<Element> rows = page.select("[data-testid=offer-progress] [data-testid=offer-progress-row]");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).attr("data-status")).isEqualTo("DECLINED");
        assertThat(rows.get(0).text()).contains("Assistant·e maternel·le", "Évry-Courcouronnes", "Refusée",
                "Dates impossibles");
        assertThat(rows.get(1).attr("data-status")).isEqualTo("ACCEPTED");
        assertThat(rows.get(1).text()).contains("Crèche AVIP", "Acceptée");
        assertThat(rows).allSatisfy(row -> assertThat(row.select("time")).hasSize(2));
        String progress = page.selectFirst("[data-testid=offer-progress]").text();
        assertThat(progress).doesNotContain(fixtures.providerName(arranged.offerId()))
                .as("the provider's comment is for the Caf").doesNotContain("Absente cette semaine-là.");
        assertThat(page.select("table caption")).isNotEmpty();
        assertThat(badge(page)).isEqualTo("Garde organisée");
    }

    @Test
    void theTimelineShowsAProvidersMoveToTheAdvisorAsItsKindOnlyWithoutItsComment() throws Exception {
        Arranged arranged = fixtures.declinedThenArranged(advisor, officer, fixtures.today().plusDays(7));
        long id = arranged.referral().getId();
        List<String> providers = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("""
                        select po.name from offer o join organisation po on po.id = o.provider_organisation_id
                        where o.referral_id = ?""").param(id).query(String.class).list();
        assertThat(providers).hasSize(2);

        Document page = page(id);

        String timeline = page.selectFirst("[data-testid=timeline]").text();
        assertThat(page.select("[data-testid=timeline-provider]").eachText())
                .containsExactly("par l’accueil (assistant·e maternel·le)", "par l’accueil (crèche AVIP)");
        assertThat(page.text()).doesNotContain("Absente cette semaine-là.");
        providers.forEach(name -> assertThat(page.text()).doesNotContain(name));
        assertThat(timeline).contains("Proposée à un accueil", "par " + referrals.principal(officer).getDisplayName());

        Document officerPage = Jsoup.parse(mvc.perform(get("/officer/referrals/" + id)
                        .with(user(referrals.principal(officer))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        String officerTimeline = officerPage.selectFirst("[data-testid=timeline]").text();
        assertThat(officerTimeline).contains("Absente cette semaine-là.");
        providers.forEach(name -> assertThat(officerTimeline).contains(name));
        assertThat(officerPage.select("[data-testid=timeline-provider]")).isEmpty();
    }

    @Test
    void aPendingOfferShowsWhenTheAnswerIsDue() throws Exception {
        long offerId = fixtures.offered(advisor, officer, fixtures.today().plusDays(5), null);
        long referralId = referralOf(offerId);

        Element row = page(referralId).selectFirst("[data-testid=offer-progress-row]");

        assertThat(row.attr("data-status")).isEqualTo("PENDING");
        assertThat(row.text()).contains("En attente de réponse", "réponse attendue avant le");
    }

    @Test
    void anEligibleReferralSaysNoOfferHasBeenSentYet() throws Exception {
        Referral referral = referrals.declareEligible(officer, referrals.submitted(advisor));

        Document page = page(referral.getId());

        assertThat(page.select("[data-testid=offer-progress-row]")).isEmpty();
        assertThat(page.selectFirst("[data-testid=offer-progress-empty]").text()).contains("Aucune proposition");
    }

    @Test
    void thePageRunsTheSameStatementsWithOneOfferOrSeveral() throws Exception {
        Arranged one = fixtures.careArranged(advisor, officer, fixtures.today().plusDays(3));
        Arranged two = fixtures.declinedThenArranged(advisor, officer, fixtures.today().plusDays(3));

        long withOne = statements.count(() -> mvc.perform(get(url(one.referral()))
                .with(user(owner))).andExpect(status().isOk()));
        long withTwo = statements.count(() -> mvc.perform(get(url(two.referral()))
                .with(user(owner))).andExpect(status().isOk()));

        assertThat(withTwo).isEqualTo(withOne);
    }

    // --- Outcome -------------------------------------------------------------------------------------------------

    @Test
    void fromTheFirstDayOfCareTheAdvisorRecordsTheOutcomeWhichClosesTheReferralAndFreesThePlace() throws Exception {
        Arranged arranged = fixtures.careArranged(advisor, officer, fixtures.today());
        Document before = page(arranged.referral().getId());
        assertThat(before.select("[data-testid=record-outcome]")).hasSize(1);
        assertThat(before.select("label[for=outcome]")).hasSize(1);
        assertThat(before.select("label[for=outcome-comment]")).hasSize(1);
        assertThat(before.select("form[data-once] select#outcome[name=outcome]")).hasSize(1);

        mvc.perform(outcome(arranged.referral(), "JOB_STARTED", "CDD de six mois.").with(user(owner)))
                .andExpect(redirectedUrl(url(arranged.referral())))
                .andExpect(flash().attribute("flash", "referral.flash.closed"));

        Referral closed = referrals.reload(arranged.referral());
        assertThat(closed.getStatus()).isEqualTo(ReferralStatus.CLOSED);
        assertThat(closed.getOutcome()).isEqualTo(Outcome.JOB_STARTED);
        assertThat(closed.getOutcomeComment()).isEqualTo("CDD de six mois.");
        assertThat(fixtures.holdReleasedAt(arranged.offerId())).isNotNull();
        Document after = page(closed.getId());
        assertThat(after.selectFirst("[data-testid=outcome]").text()).contains("Emploi commencé", "CDD de six mois.");
        assertThat(after.select("[data-testid=record-outcome]")).isEmpty();
        assertThat(after.select("[data-testid=withdraw]")).as("closed is final").isEmpty();
    }

    @Test
    void beforeTheFirstDayThePageSaysWhenAndAnOutcomePostedAnywayIsRefusedWithAMessage() throws Exception {
        Arranged arranged = fixtures.careArranged(advisor, officer, fixtures.today().plusDays(3));
        Document page = page(arranged.referral().getId());
        assertThat(page.select("[data-testid=record-outcome]")).isEmpty();
        assertThat(page.selectFirst("[data-testid=outcome-too-early]").text())
                .contains(String.format("%1$td/%1$tm/%1$tY", fixtures.today().plusDays(3)));

        mvc.perform(outcome(arranged.referral(), "JOB_STARTED", null).with(user(owner)))
                .andExpect(redirectedUrl(url(arranged.referral())))
                .andExpect(flash().attribute("error", "routing.error.outcomeTooEarly"));

        assertUnchanged(arranged.referral());
        assertThat(fixtures.holdReleasedAt(arranged.offerId())).isNull();
    }

    @Test
    void anOutcomePostedWithAnErrorBeforeTheFirstDayShowsTheErrorNextToItsField() throws Exception {
        Arranged arranged = fixtures.careArranged(advisor, officer, fixtures.today().plusDays(3));

        Document page = Jsoup.parse(mvc.perform(outcome(arranged.referral(), "", null).with(user(owner)))
                .andExpect(status().isOk()).andExpect(view().name("referral/view"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));

        assertThat(page.selectFirst("#outcome").attr("aria-describedby")).isEqualTo("outcome-error");
        assertThat(page.selectFirst("#outcome-error").text()).isNotBlank();
        assertUnchanged(arranged.referral());
    }

    @Test
    void otherWithoutACommentIsAnErrorNextToTheCommentAndNothingIsSaved() throws Exception {
        Arranged arranged = fixtures.careArranged(advisor, officer, fixtures.today());

        String html = mvc.perform(outcome(arranged.referral(), "OTHER", "   ").with(user(owner)))
                .andExpect(status().isOk()).andExpect(view().name("referral/view"))
                .andExpect(model().attributeHasFieldErrorCode("outcomeForm", "comment",
                        "referral.outcome.comment.required"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        Element comment = Jsoup.parse(html).selectFirst("#outcome-comment");
        assertThat(comment.hasClass("is-invalid")).isTrue();
        assertThat(comment.attr("aria-describedby")).contains("outcome-comment-error");
        assertThat(Jsoup.parse(html).selectFirst("#outcome-comment-error").text())
                .isEqualTo("Précisez ce qui s’est passé dans le commentaire.");
        assertThat(Jsoup.parse(html).selectFirst("#outcome option[selected]").val()).isEqualTo("OTHER");
        assertUnchanged(arranged.referral());
    }

    @Test
    void anOutcomeMustBeChosenAndAnUnknownOneIsAnError() throws Exception {
        Arranged arranged = fixtures.careArranged(advisor, officer, fixtures.today());

        mvc.perform(outcome(arranged.referral(), "", "Rien.").with(user(owner)))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("outcomeForm", "outcome", "NotNull"));
        mvc.perform(outcome(arranged.referral(), "HIRED_AS_CEO", null).with(user(owner)))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("outcomeForm", "outcome"));

        assertUnchanged(arranged.referral());
    }

    @Test
    void anOutcomeOnAReferralNotYetArrangedIsExplainedNotACrash() throws Exception {
        long offerId = fixtures.offered(advisor, officer, fixtures.today(), null);
        Referral offered = referrals.reload(referralOf(offerId));

        mvc.perform(outcome(offered, "JOB_STARTED", null).with(user(owner)))
                .andExpect(redirectedUrl(url(offered)))
                .andExpect(flash().attribute("error", "referral.transition.illegal"));

        assertUnchanged(offered);
    }

    @Test
    void anOutcomeSentTwiceClosesOnceAndTheSecondIsToldItIsDone() throws Exception {
        Arranged arranged = fixtures.careArranged(advisor, officer, fixtures.today());

        mvc.perform(outcome(arranged.referral(), "INTERVIEW_ATTENDED", null).with(user(owner)))
                .andExpect(flash().attribute("flash", "referral.flash.closed"));
        mvc.perform(outcome(arranged.referral(), "INTERVIEW_ATTENDED", null).with(user(owner)))
                .andExpect(flash().attribute("flash", "referral.flash.closed"));

        assertThat(referrals.reload(arranged.referral()).getOutcome()).isEqualTo(Outcome.INTERVIEW_ATTENDED);
    }

    @Test
    void noSolutionShowsTheOfficersReason() throws Exception {
        Referral referral = fixtures.noSolution(advisor, officer, NoSolutionReason.NO_CAPACITY,
                "Toutes les places du secteur sont prises ce mois-ci.");

        Document page = page(referral.getId());

        assertThat(page.selectFirst("[data-testid=no-solution]").text()).contains("Aucune place disponible",
                "Toutes les places du secteur sont prises ce mois-ci.");
        assertThat(badge(page)).isEqualTo("Sans solution");
        assertThat(page.select("[data-testid=withdraw]")).isEmpty();
    }

    // --- Withdrawal ----------------------------------------------------------------------------------------------

    @Test
    void withdrawingArrangedCareFreesThePlaceHeld() throws Exception {
        Arranged arranged = fixtures.careArranged(advisor, officer, fixtures.today().plusDays(3));
        assertThat(page(arranged.referral().getId()).select("[data-testid=withdraw]")).hasSize(1);
        assertThat(fixtures.holdExists(arranged.offerId())).isTrue();

        mvc.perform(withdraw(arranged.referral()).with(user(owner)))
                .andExpect(redirectedUrl(url(arranged.referral())))
                .andExpect(flash().attribute("flash", "referral.flash.withdrawn"));

        assertThat(referrals.reload(arranged.referral()).getStatus()).isEqualTo(ReferralStatus.WITHDRAWN);
        assertThat(fixtures.holdReleasedAt(arranged.offerId())).isNotNull();
    }

    @Test
    void withdrawingWhileTheOfferWaitsCancelsIt() throws Exception {
        long offerId = fixtures.offered(advisor, officer, fixtures.today().plusDays(3), null);
        Referral offered = referrals.reload(referralOf(offerId));
        assertThat(page(offered.getId()).select("[data-testid=withdraw]")).hasSize(1);

        mvc.perform(withdraw(offered).with(user(owner))).andExpect(redirectedUrl(url(offered)));

        assertThat(referrals.reload(offered).getStatus()).isEqualTo(ReferralStatus.WITHDRAWN);
        assertThat(fixtures.offerStatus(offerId)).isEqualTo("CANCELLED");
        assertThat(page(offered.getId()).selectFirst("[data-testid=offer-progress-row]").text()).contains("Annulée");
    }

    // --- The list ------------------------------------------------------------------------------------------------

    @Test
    void theListFiltersByTheRoutingStatusesAndShowsTheirBadges() throws Exception {
        Arranged arranged = fixtures.careArranged(advisor, officer, fixtures.today().plusDays(3));
        long offerId = fixtures.offered(advisor, officer, fixtures.today().plusDays(4), null);

        Document list = Jsoup.parse(mvc.perform(get("/advisor/referrals").param("status", "CARE_ARRANGED")
                        .with(user(owner))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));

        assertThat(list.select("a[href=/advisor/referrals/" + arranged.referral().getId() + "]")).hasSize(1);
        assertThat(list.select("a[href=/advisor/referrals/" + referralOf(offerId) + "]")).isEmpty();
        assertThat(list.select("tbody .status-badge.status-CARE_ARRANGED").text()).isEqualTo("Garde organisée");
        assertThat(list.select("#status option[value=CARE_ARRANGED]")).hasSize(1);
        assertThat(list.select("#status option[value=NO_SOLUTION]")).hasSize(1);
    }

    // --- Who may reach what --------------------------------------------------------------------------------------

    @Test
    void anotherOrganisationsReferralIsNotFound() throws Exception {
        Arranged arranged = fixtures.careArranged(advisor, officer, fixtures.today());
        CurrentUser stranger = referrals.principal(referrals.advisor());

        mvc.perform(get(url(arranged.referral())).with(user(stranger))).andExpect(status().isNotFound());
        mvc.perform(outcome(arranged.referral(), "JOB_STARTED", null).with(user(stranger)))
                .andExpect(status().isNotFound());

        assertUnchanged(arranged.referral());
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"CAF_OFFICER", "PROVIDER", "ADMIN"})
    void otherRolesAreRefused(Role role) throws Exception {
        Arranged arranged = fixtures.careArranged(advisor, officer, fixtures.today());
        CurrentUser other = referrals.principal(accounts.create(role));

        mvc.perform(get(url(arranged.referral())).with(user(other))).andExpect(status().isForbidden());
        mvc.perform(outcome(arranged.referral(), "JOB_STARTED", null).with(user(other)))
                .andExpect(status().isForbidden());

        assertUnchanged(arranged.referral());
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
        Arranged arranged = fixtures.careArranged(advisor, officer, fixtures.today());

        mvc.perform(get(url(arranged.referral()))).andExpect(redirectedUrl("/login"));
        mvc.perform(outcome(arranged.referral(), "JOB_STARTED", null)).andExpect(redirectedUrl("/login"));

        assertUnchanged(arranged.referral());
    }

    @Test
    void anOutcomeWithoutTheCsrfTokenIsRefused() throws Exception {
        Arranged arranged = fixtures.careArranged(advisor, officer, fixtures.today());

        mvc.perform(post(url(arranged.referral()) + "/outcome").param("outcome", "JOB_STARTED")
                .with(user(owner))).andExpect(status().isForbidden());

        assertUnchanged(arranged.referral());
    }

    // --- Helpers -------------------------------------------------------------------------------------------------

    private Document page(long referralId) throws Exception {
        return Jsoup.parse(mvc.perform(get("/advisor/referrals/" + referralId).with(user(owner)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private static String badge(Document page) {
        return page.selectFirst("[data-testid=status]").text();
    }

    private static String url(Referral referral) {
        return "/advisor/referrals/" + referral.getId();
    }

    private static MockHttpServletRequestBuilder outcome(Referral referral, String outcome, String comment) {
        MockHttpServletRequestBuilder request = post(url(referral) + "/outcome").with(csrf()).param("outcome", outcome);
        return comment == null ? request : request.param("comment", comment);
    }

    private MockHttpServletRequestBuilder withdraw(Referral referral) {
        Referral current = referrals.reload(referral);
        return post(url(referral) + "/withdraw").with(csrf()).param("version", String.valueOf(current.getVersion()))
                .param("reason", "La famille a trouvé une solution.");
    }

    private long referralOf(long offerId) {
        return context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select referral_id from offer where id = ?").param(offerId).query(Long.class).single();
    }

    private void assertUnchanged(Referral before) {
        Referral now = referrals.reload(before);
        assertThat(now.getVersion()).isEqualTo(before.getVersion());
        assertThat(now.getStatus()).isEqualTo(before.getStatus());
        assertThat(now.getOutcome()).isNull();
    }
}
