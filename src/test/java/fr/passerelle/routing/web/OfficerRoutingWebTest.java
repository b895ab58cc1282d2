package fr.passerelle.routing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.NoSolutionReason;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.OfficerRoutingFixtures;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.matching.Exclusion;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.routing.queue.RoutingQueues;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The Caf officer's routing pages: who may reach them, what they show, and how an offer or "no solution" is sent,
 * refused or checked without saving anything half-way. Each test routes families of a département of its own
 * ({@link OfficerRoutingFixtures#quietDepartement()}), so that its lists hold only its rows.
 */
@IntegrationTest
class OfficerRoutingWebTest {

    /** Every endpoint of the officer's routing, with a request that would succeed on an eligible referral. */
    enum Endpoint {
        HOME(false, (referral, provider) -> get("/officer")),
        QUEUES(false, (referral, provider) -> get("/officer/routing")),
        ROUTING(false, (referral, provider) -> get("/officer/referrals/" + referral.getId() + "/routing")),
        SEND_OFFER(true, (referral, provider) -> post("/officer/referrals/" + referral.getId() + "/offers")
                .param("provider", provider.key()).param("message", "Entretien à 9 h")),
        NO_SOLUTION(true, (referral, provider) -> post("/officer/referrals/" + referral.getId() + "/no-solution")
                .param("reason", "NO_CAPACITY"));

        final boolean post;
        final BiFunction<Referral, ProviderRef, MockHttpServletRequestBuilder> request;

        Endpoint(boolean post, BiFunction<Referral, ProviderRef, MockHttpServletRequestBuilder> request) {
            this.post = post;
            this.request = request;
        }

        MockHttpServletRequestBuilder from(Referral referral, ProviderRef provider) {
            MockHttpServletRequestBuilder builder = request.apply(referral, provider);
            return post ? builder.with(csrf()) : builder;
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ReferralFixtures referrals;

    @Autowired
    TestAccounts accounts;

    @Autowired
    OfferService offers;

    @Autowired
    SqlStatementCounter statements;

    @Autowired
    OrganisationRepository organisations;

    @Autowired
    JdbcClient jdbc;

    OfficerRoutingFixtures fixtures;
    String departement;
    Account advisor;
    Account officer;

    @BeforeEach
    void setUp() {
        fixtures = new OfficerRoutingFixtures(referrals, accounts, jdbc);
        departement = fixtures.quietDepartement();
        advisor = referrals.advisor();
        officer = fixtures.officerIn(departement);
    }

    // --- Who may reach what -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void anonymousVisitorsAreSentToTheLoginPage(Endpoint endpoint) throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);
        ProviderRef service = fixtures.homeCareService(departement, "Aide");

        mvc.perform(endpoint.from(referral, service)).andExpect(redirectedUrl("/login"));

        assertStillEligible(referral);
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
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);
        ProviderRef service = fixtures.homeCareService(departement, "Aide");
        // The advisor who filed the referral does not route it; nor does the provider it could go to.
        Account other = switch (role) {
            case ADVISOR -> advisor;
            case PROVIDER -> accounts.create(Role.PROVIDER, organisationOf(service));
            default -> accounts.create(role);
        };

        mvc.perform(endpoint.from(referral, service).with(user(referrals.principal(other))))
                .andExpect(status().isForbidden());

        assertStillEligible(referral);
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"ROUTING", "SEND_OFFER", "NO_SOLUTION"})
    void anotherDepartementsOfficerDoesNotFindTheReferral(Endpoint endpoint) throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);
        ProviderRef service = fixtures.homeCareService(departement, "Aide");
        CurrentUser elsewhere = referrals.principal(referrals.officerIn(ReferralFixtures.ESSONNE));

        mvc.perform(endpoint.from(referral, service).with(user(elsewhere))).andExpect(status().isNotFound());

        assertStillEligible(referral);
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"ROUTING", "SEND_OFFER", "NO_SOLUTION"})
    void aReferralNotYetFoundEligibleIsNotRouted(Endpoint endpoint) throws Exception {
        Referral submitted = referrals.file(advisor, referrals.family()
                .livingIn(referrals.communeIn(departement), departement).need(CareNeed.EMERGENCY_HOME_CARE), true);
        ProviderRef service = fixtures.homeCareService(departement, "Aide");

        mvc.perform(endpoint.from(submitted, service).with(user(referrals.principal(officer))))
                .andExpect(status().isNotFound());

        Referral now = referrals.reload(submitted);
        assertThat(now.getStatus()).isEqualTo(ReferralStatus.SUBMITTED);
        assertThat(fixtures.offersOf(submitted)).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"SEND_OFFER", "NO_SOLUTION"})
    void aPostWithoutTheCsrfTokenIsRefused(Endpoint endpoint) throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);
        ProviderRef service = fixtures.homeCareService(departement, "Aide");

        mvc.perform(endpoint.request.apply(referral, service).with(user(referrals.principal(officer))))
                .andExpect(status().isForbidden());

        assertStillEligible(referral);
    }

    // --- The routing page and sending an offer ------------------------------------------------------------------

    @Test
    void theOfficerSeesTheNeedTheRankedCandidatesWithTheirReasonsAndTheExcludedOnes() throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);
        ProviderRef service = fixtures.homeCareService(departement, "Aide à domicile");
        ProviderRef closed = fixtures.homeCareService(departement, "Service fermé");
        fixtures.deactivate(closed);

        String page = html(mvc.perform(Endpoint.ROUTING.from(referral, service)
                        .with(user(referrals.principal(officer))))
                .andExpect(status().isOk()).andExpect(view().name("routing/officer-routing")).andReturn());

        assertThat(page).contains("data-testid=\"need-summary\"", "Garde ponctuelle d’urgence à domicile",
                "Services d’aide à domicile couvrant la commune", "Noah, 4 an(s) et 0 mois");
        assertThat(candidate(page, service)).contains("data-testid=\"candidate-name\"", "Même commune",
                "Couvre la commune de la famille", "Âges des enfants acceptés", "data-testid=\"send-offer\"",
                "id=\"message-" + service.key() + "\"", "for=\"message-" + service.key() + "\"");
        assertThat(page).contains("data-testid=\"excluded-candidate\" data-provider=\"" + closed.key() + "\"",
                "Ce prestataire est désactivé dans le registre : possible s’il est réactivé par l’administrateur.");
        assertThat(page).doesNotContain("data-provider=\"" + closed.key() + "\" data-testid=\"candidate\"")
                .contains("id=\"no-solution-reason\"", "id=\"no-solution-comment\"", "data-testid=\"record-no-solution\"");
    }

    @Test
    void candidatesEnoughInTheFamilysCommuneAreShownWithoutReadingFurtherAndTheLinkWidensTheSearch() throws Exception {
        Referral referral = fixtures.eligible(advisor, officer, departement, CareNeed.OCCASIONAL);
        for (int i = 0; i < OfficerRoutingController.SHOWN_STEP; i++) {
            fixtures.creche(departement, "Crèche " + i);
        }
        CurrentUser principal = referrals.principal(officer);
        String path = "/officer/referrals/" + referral.getId() + "/routing";

        String first = html(mvc.perform(get(path).with(user(principal))).andExpect(status().isOk()).andReturn());
        assertThat(first.split("data-testid=\"candidate\"", -1)).hasSize(OfficerRoutingController.SHOWN_STEP + 1);
        assertThat(first).contains("Accueils possibles (au moins " + OfficerRoutingController.SHOWN_STEP,
                "la recherche s’étend plus loin", "shown=" + 2 * OfficerRoutingController.SHOWN_STEP);

        String wider = html(mvc.perform(get(path).param("shown", "20").with(user(principal)))
                .andExpect(status().isOk()).andReturn());
        assertThat(wider).contains("Accueils possibles (" + OfficerRoutingController.SHOWN_STEP + ")")
                .doesNotContain("data-testid=\"more-candidates\"");
    }

    @Test
    void aLongListOfCandidatesShowsTheNearestTenAndALinkToSeeMore() throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);
        for (int i = 0; i < OfficerRoutingController.SHOWN_STEP + 5; i++) {
            fixtures.homeCareService(departement, "Aide " + i);
        }
        CurrentUser principal = referrals.principal(officer);
        String path = "/officer/referrals/" + referral.getId() + "/routing";

        String first = html(mvc.perform(get(path).with(user(principal))).andExpect(status().isOk()).andReturn());
        assertThat(first.split("data-testid=\"candidate\"", -1)).hasSize(OfficerRoutingController.SHOWN_STEP + 1);
        assertThat(first).contains("Accueils possibles (" + (OfficerRoutingController.SHOWN_STEP + 5) + ")",
                "data-testid=\"more-candidates\"",
                "shown=" + 2 * OfficerRoutingController.SHOWN_STEP);

        String more = html(mvc.perform(get(path).param("shown", "40").with(user(principal)))
                .andExpect(status().isOk()).andReturn());
        assertThat(more.split("data-testid=\"candidate\"", -1)).hasSize(OfficerRoutingController.SHOWN_STEP + 5 + 1);
        assertThat(more).doesNotContain("data-testid=\"more-candidates\"");
    }

    @Test
    void sendingAnOfferRedirectsWithAFlashAndThePageThenShowsTheOfferPending() throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);
        ProviderRef service = fixtures.homeCareService(departement, "Aide");
        CurrentUser principal = referrals.principal(officer);

        mvc.perform(Endpoint.SEND_OFFER.from(referral, service).with(user(principal)))
                .andExpect(redirectedUrl("/officer/referrals/" + referral.getId() + "/routing"))
                .andExpect(flash().attribute("flash", "routing.officer.flash.offerSent"));

        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.OFFERED);
        assertThat(jdbc.sql("select message from offer where referral_id = ?").param(referral.getId())
                .query(String.class).single()).isEqualTo("Entretien à 9 h");
        String page = html(mvc.perform(Endpoint.ROUTING.from(referral, service).with(user(principal)))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("data-testid=\"current-offer\"", "data-testid=\"time-left\"",
                "data-testid=\"history-row\" data-status=\"PENDING\"")
                .doesNotContain("data-testid=\"send-offer\"", "data-testid=\"record-no-solution\"");
        String queues = html(mvc.perform(Endpoint.QUEUES.from(referral, service).with(user(principal)))
                .andExpect(status().isOk()).andReturn());
        assertThat(queues).contains("data-testid=\"pending-offer-row\"", "data-overdue=\"false\"")
                .doesNotContain("data-testid=\"route-row\"");
    }

    @Test
    void aCandidateExcludedSinceThePageWasShownIsRefusedWithItsReasonAndNothingIsSaved() throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);
        ProviderRef service = fixtures.homeCareService(departement, "Aide");
        CurrentUser principal = referrals.principal(officer);
        fixtures.deactivate(service);

        MockHttpSession session = new MockHttpSession();
        mvc.perform(Endpoint.SEND_OFFER.from(referral, service).session(session).with(user(principal)))
                .andExpect(redirectedUrl("/officer/referrals/" + referral.getId() + "/routing"))
                .andExpect(flash().attribute("error", "routing.error.candidateExcluded"))
                .andExpect(flash().attribute("errorReasons", List.of(Exclusion.SERVICE_INACTIVE)));

        assertStillEligible(referral);
        String page = html(mvc.perform(Endpoint.ROUTING.from(referral, service).session(session).with(user(principal)))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("data-testid=\"action-error\"",
                "Cet accueil ne peut plus recevoir cette proposition", "Service désactivé");
    }

    @Test
    void anUnknownProviderIsRefusedOnThePageAndNothingIsSaved() throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);

        String page = html(mvc.perform(post("/officer/referrals/" + referral.getId() + "/offers").with(csrf())
                        .with(user(referrals.principal(officer))).param("provider", "NOT-A-KEY"))
                .andExpect(status().isOk()).andExpect(view().name("routing/officer-routing")).andReturn());

        assertThat(page).contains("data-testid=\"action-error\"", "Cet accueil n’est pas dans la liste");
        assertStillEligible(referral);
    }

    @Test
    void aMessageTooLongIsShownNextToItsFieldAndNothingIsSaved() throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);
        ProviderRef service = fixtures.homeCareService(departement, "Aide");
        String tooLong = "x".repeat(OfferForm.MESSAGE_MAX + 1);

        String page = html(mvc.perform(post("/officer/referrals/" + referral.getId() + "/offers").with(csrf())
                        .with(user(referrals.principal(officer))).param("provider", service.key())
                        .param("message", tooLong))
                .andExpect(status().isOk()).andExpect(view().name("routing/officer-routing")).andReturn());

        String id = "message-" + service.key();
        assertThat(candidate(page, service)).contains("aria-invalid=\"true\"", "id=\"" + id + "-error\"",
                "aria-describedby=\"offer-message-hint " + id + "-error\"", "Le message compte au plus 1");
        assertStillEligible(referral);
    }

    @Test
    void aSecondOfferForAReferralAlreadyOfferedIsRefusedWithAMessage() throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);
        ProviderRef first = fixtures.homeCareService(departement, "Aide");
        ProviderRef second = fixtures.homeCareService(departement, "Autre aide");
        CurrentUser principal = referrals.principal(officer);
        offers.sendOffer(principal, referral.getId(), first, null);

        mvc.perform(Endpoint.SEND_OFFER.from(referral, second).with(user(principal)))
                .andExpect(redirectedUrl("/officer/referrals/" + referral.getId() + "/routing"))
                .andExpect(flash().attribute("error", "routing.officer.error.notRoutable"));

        assertThat(fixtures.offersOf(referral)).isOne();
    }

    @Test
    void anOfferSentByAnotherOfficerAtTheSameTimeIsRefusedWithAMessageNotAnError() throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);
        ProviderRef service = fixtures.homeCareService(departement, "Aide");
        // The other officer's offer is written while this one's transaction still sees the referral eligible: the
        // unique index of live offers refuses the second.
        jdbc.sql("""
                        insert into offer (referral_id, provider_kind, provider_id, provider_organisation_id, sent_at,
                                           sent_by, deadline_at, status, departement_code)
                        values (?, 'HOME_CARE', ?, ?, now(), ?, now() + interval '1 day', 'PENDING', ?)""")
                .param(referral.getId()).param(service.id()).param(organisationOf(service).getId())
                .param(officer.user().getId()).param(departement).update();

        mvc.perform(Endpoint.SEND_OFFER.from(referral, service).with(user(referrals.principal(officer))))
                .andExpect(redirectedUrl("/officer/referrals/" + referral.getId() + "/routing"))
                .andExpect(flash().attribute("error", "routing.officer.error.concurrent"));

        assertThat(fixtures.offersOf(referral)).isOne();
        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
    }

    // --- No solution --------------------------------------------------------------------------------------------

    @Test
    void noSolutionNeedsAReasonAndNothingIsSavedWithoutOne() throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);

        String page = html(mvc.perform(post("/officer/referrals/" + referral.getId() + "/no-solution").with(csrf())
                        .with(user(referrals.principal(officer))).param("comment", "Rien"))
                .andExpect(status().isOk()).andExpect(view().name("routing/officer-routing")).andReturn());

        assertThat(page).contains("id=\"error-summary\"", "id=\"no-solution-reason-error\"", "Choisissez un motif.");
        // The summary's link leads to the field (whose id carries the form's prefix).
        assertThat(page).contains("href=\"#no-solution-reason\"", "id=\"no-solution-reason\"");
        assertStillEligible(referral);
    }

    @Test
    void noSolutionForAnotherReasonNeedsAComment() throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);

        String page = html(mvc.perform(post("/officer/referrals/" + referral.getId() + "/no-solution").with(csrf())
                        .with(user(referrals.principal(officer))).param("reason", "OTHER").param("comment", " "))
                .andExpect(status().isOk()).andReturn());

        assertThat(page).contains("id=\"no-solution-comment-error\"", "Précisez le motif dans le commentaire.",
                "aria-invalid=\"true\"");
        assertStillEligible(referral);
    }

    @Test
    void noSolutionWithItsReasonEndsTheReferralAndThePageShowsIt() throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);
        CurrentUser principal = referrals.principal(officer);

        mvc.perform(post("/officer/referrals/" + referral.getId() + "/no-solution").with(csrf())
                        .with(user(principal)).param("reason", "OTHER").param("comment", "Famille injoignable"))
                .andExpect(redirectedUrl("/officer/referrals/" + referral.getId() + "/routing"))
                .andExpect(flash().attribute("flash", "routing.officer.flash.noSolution"));

        Referral now = referrals.reload(referral);
        assertThat(now.getStatus()).isEqualTo(ReferralStatus.NO_SOLUTION);
        assertThat(now.getNoSolutionReason()).isEqualTo(NoSolutionReason.OTHER);
        String page = html(mvc.perform(get("/officer/referrals/" + referral.getId() + "/routing")
                .with(user(principal))).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("data-testid=\"no-solution-recorded\"", "Famille injoignable")
                .doesNotContain("data-testid=\"record-no-solution\"");
    }

    @Test
    void whenNoCandidateRemainsThePageSaysSoAndOffersNoSolution() throws Exception {
        Referral referral = fixtures.eligibleEmergency(advisor, officer, departement);

        String page = html(mvc.perform(get("/officer/referrals/" + referral.getId() + "/routing")
                .with(user(referrals.principal(officer)))).andExpect(status().isOk()).andReturn());

        assertThat(page).contains("data-testid=\"no-candidate\"", "data-testid=\"record-no-solution\"")
                .doesNotContain("data-testid=\"candidate\"");
    }

    // --- Queues and home ----------------------------------------------------------------------------------------

    @Test
    void returnedReferralsComeFirstMarkedAndOverdueOffersStandOutInWords() throws Exception {
        CurrentUser principal = referrals.principal(officer);
        Referral waiting = fixtures.eligible(advisor, officer, departement, CareNeed.EMERGENCY_HOME_CARE);
        Referral declined = fixtures.eligibleEmergency(advisor, officer, departement);
        Referral late = fixtures.eligibleEmergency(advisor, officer, departement);
        ProviderRef service = fixtures.homeCareService(departement, "Aide");
        Account provider = accounts.create(Role.PROVIDER, organisationOf(service));
        long declinedOffer = offers.sendOffer(principal, declined.getId(), service, null).offerId();
        offers.decline(referrals.principal(provider), declinedOffer, DeclineReason.DATES_UNAVAILABLE, null);
        long lateOffer = offers.sendOffer(principal, late.getId(), service, null).offerId();
        jdbc.sql("""
                        update offer set sent_at = now() - interval '2 days', deadline_at = now() - interval '2 hours'
                        where id = ?""").param(lateOffer).update();

        String page = html(mvc.perform(get("/officer/routing").with(user(principal)))
                .andExpect(status().isOk()).andExpect(view().name("routing/officer-queues")).andReturn());

        assertThat(page.indexOf("data-referral=\"" + declined.getId() + "\""))
                .isLessThan(page.indexOf("data-referral=\"" + waiting.getId() + "\""));
        assertThat(page).contains("Revenue : refusée/expirée", "data-overdue=\"true\"", ">En retard<",
                "data-testid=\"route-link\" href=\"/officer/referrals/" + declined.getId() + "/routing\"");
        String home = html(mvc.perform(get("/officer").with(user(principal))).andExpect(status().isOk()).andReturn());
        assertThat(count(home, "count-to-route")).isEqualTo("2");
        assertThat(count(home, "count-offers-pending")).isEqualTo("1");
        assertThat(count(home, "count-overdue")).isEqualTo("1");
        assertThat(count(home, "count-to-review")).isEqualTo("0");
        assertThat(count(home, "count-care-arranged-week")).isEqualTo("0");
        assertThat(home).contains("data-testid=\"territory\"", "href=\"/officer/routing#pending-offers\"");
    }

    @Test
    void anOfferWithThirtySecondsLeftIsNotYetOverdueAndFromItsDeadlineItIs() throws Exception {
        CurrentUser principal = referrals.principal(officer);
        Referral almost = fixtures.eligibleEmergency(advisor, officer, departement);
        Referral due = fixtures.eligibleEmergency(advisor, officer, departement);
        ProviderRef service = fixtures.homeCareService(departement, "Aide");
        long almostOffer = offers.sendOffer(principal, almost.getId(), service, null).offerId();
        long dueOffer = offers.sendOffer(principal, due.getId(), service, null).offerId();
        jdbc.sql("update offer set deadline_at = now() + interval '30 seconds' where id = ?").param(almostOffer)
                .update();
        jdbc.sql("""
                        update offer set sent_at = now() - interval '1 hour', deadline_at = now() - interval '1 second'
                        where id = ?""").param(dueOffer).update();

        Document queues = Jsoup.parse(html(mvc.perform(get("/officer/routing").with(user(principal)))
                .andExpect(status().isOk()).andReturn()));

        Element almostRow = queues.selectFirst("[data-testid=pending-offer-row][data-referral=" + almost.getId() + "]");
        assertThat(almostRow.attr("data-overdue")).isEqualTo("false");
        assertThat(almostRow.selectFirst("[data-testid=time-left]").text()).isEqualTo("1 min restantes");
        Element dueRow = queues.selectFirst("[data-testid=pending-offer-row][data-referral=" + due.getId() + "]");
        assertThat(dueRow.attr("data-overdue")).isEqualTo("true");
        assertThat(dueRow.selectFirst("[data-testid=time-left]").text()).isEqualTo("En retard");
        Document routing = Jsoup.parse(html(mvc.perform(get("/officer/referrals/" + almost.getId() + "/routing")
                .with(user(principal))).andExpect(status().isOk()).andReturn()));
        assertThat(routing.selectFirst("[data-testid=current-offer] [data-testid=time-left]").text())
                .isEqualTo("1 min restantes");
    }

    @Test
    void aPageNumberBeyondTheLastShowsTheLastPageOfEachQueue() throws Exception {
        CurrentUser principal = referrals.principal(officer);
        Referral waiting = fixtures.eligibleEmergency(advisor, officer, departement);
        Referral offered = fixtures.eligibleEmergency(advisor, officer, departement);
        offers.sendOffer(principal, offered.getId(), fixtures.homeCareService(departement, "Aide"), null);

        String page = html(mvc.perform(get("/officer/routing").param("page", "99").param("offersPage", "99")
                        .param("carePage", "99").with(user(principal)))
                .andExpect(status().isOk()).andReturn());

        assertThat(page).contains("data-referral=\"" + waiting.getId() + "\"", "data-testid=\"route-row\"",
                "data-testid=\"pending-offer-row\"").doesNotContain("Page 100");
    }

    @Test
    void theReviewPageOfAnEligibleReferralLinksToItsRoutingAndSoDoesTheFlashAfterTheDecision() throws Exception {
        CurrentUser principal = referrals.principal(officer);
        Referral submitted = referrals.file(advisor, referrals.family()
                .livingIn(referrals.communeIn(departement), departement), true);

        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/officer/referrals/" + submitted.getId() + "/decision").session(session).with(csrf())
                        .with(user(principal)).param("version", String.valueOf(submitted.getVersion()))
                        .param("outcome", "ELIGIBLE"))
                .andExpect(redirectedUrl("/officer/queue"))
                .andExpect(flash().attribute("routeReferralId", submitted.getId()));
        String queue = html(mvc.perform(get("/officer/queue").session(session).with(user(principal)))
                .andExpect(status().isOk()).andReturn());
        String review = html(mvc.perform(get("/officer/referrals/" + submitted.getId()).with(user(principal)))
                .andExpect(status().isOk()).andReturn());

        String link = "href=\"/officer/referrals/" + submitted.getId() + "/routing\"";
        assertThat(queue).contains("data-testid=\"go-routing\"", link);
        assertThat(review).contains("data-testid=\"go-routing\"", link);
    }

    // --- Statements ---------------------------------------------------------------------------------------------

    @Test
    void theQueuesAndTheRoutingPageRunTheSameStatementsForOneRowAsForMany() throws Exception {
        CurrentUser principal = referrals.principal(officer);
        ProviderRef service = fixtures.homeCareService(departement, "Aide");
        Referral offered = fixtures.eligibleEmergency(advisor, officer, departement);
        offers.sendOffer(principal, offered.getId(), service, null);
        Referral routed = fixtures.eligibleEmergency(advisor, officer, departement);

        long queuesOne = statements.count(() -> mvc.perform(get("/officer/routing").with(user(principal)))
                .andExpect(status().isOk()));
        long pageOne = statements.count(() -> mvc.perform(get("/officer/referrals/" + routed.getId() + "/routing")
                .with(user(principal))).andExpect(status().isOk()));

        for (int i = 0; i < RoutingQueues.PAGE_SIZE + 2; i++) {
            Referral more = fixtures.eligibleEmergency(advisor, officer, departement);
            if (i % 2 == 0) {
                offers.sendOffer(principal, more.getId(), fixtures.homeCareService(departement, "Aide " + i), null);
            }
        }
        fixtures.deactivate(fixtures.homeCareService(departement, "Fermé"));

        long queuesMany = statements.count(() -> mvc.perform(get("/officer/routing").with(user(principal)))
                .andExpect(status().isOk()));
        long pageMany = statements.count(() -> mvc.perform(get("/officer/referrals/" + routed.getId() + "/routing")
                .with(user(principal))).andExpect(status().isOk()));

        assertThat(queuesMany).isEqualTo(queuesOne);
        assertThat(pageMany).isEqualTo(pageOne);
        // Three lists of two statements, the session check and the bell's unread count.
        assertThat(queuesOne).isLessThanOrEqualTo(8);
        // The three lists in one read-only transaction (the session check and the count each run alone).
        assertThat(statements.countTransactions(() -> mvc.perform(get("/officer/routing").with(user(principal)))
                .andExpect(status().isOk()))).isEqualTo(1);
        // The routing page: one more for the automatic hand-on's chain (referral, Caf setting and chain at once).
        assertThat(pageOne).isLessThanOrEqualTo(12);
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private void assertStillEligible(Referral referral) {
        assertThat(referrals.reload(referral).getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
        assertThat(fixtures.offersOf(referral)).isZero();
    }

    private Organisation organisationOf(ProviderRef service) {
        long id = jdbc.sql("select organisation_id from home_care_service where id = ?").param(service.id())
                .query(Long.class).single();
        return organisations.findById(id).orElseThrow();
    }

    private static String html(MvcResult result) throws Exception {
        MockHttpServletResponse response = result.getResponse();
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    /** The candidate's card, from its opening tag to the end of its form. */
    private static String candidate(String page, ProviderRef provider) {
        int start = page.indexOf("data-provider=\"" + provider.key() + "\"");
        assertThat(start).as("candidate " + provider.key()).isNotNegative();
        return page.substring(start, page.indexOf("</form>", start));
    }

    /** The figure of a home-page card. */
    private static String count(String page, String testId) {
        int card = page.indexOf("data-testid=\"" + testId + "\"");
        assertThat(card).as(testId).isNotNegative();
        int value = page.indexOf("count-value", card);
        int start = page.indexOf('>', value) + 1;
        return page.substring(start, page.indexOf('<', start)).trim();
    }
}
