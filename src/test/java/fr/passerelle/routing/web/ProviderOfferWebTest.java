package fr.passerelle.routing.web;

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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.routing.OfferStatus;
import fr.passerelle.routing.ProviderOfferFixtures;
import fr.passerelle.routing.ProviderOfferFixtures.Sent;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.routing.offer.OfferViews;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The provider's offer pages: who may reach them, what an offer shows before and after acceptance (never the
 * parent's name or phone before), and how accepting and declining are checked and recorded. Offers are sent by a
 * Caf officer through {@link OfferService}, as the routing page does.
 */
@IntegrationTest
class ProviderOfferWebTest {

    /** Every provider endpoint, with a request that would succeed on a pending offer of the user's organisation. */
    enum Endpoint {
        HOME(false, sent -> get("/provider")),
        LIST(false, sent -> get("/provider/offers")),
        OFFER(false, sent -> get("/provider/offers/" + sent.offerId())),
        ACCEPT(true, sent -> post("/provider/offers/" + sent.offerId() + "/accept")),
        DECLINE(true, sent -> post("/provider/offers/" + sent.offerId() + "/decline")
                .param("reason", "NO_CAPACITY").param("comment", ""));

        final boolean post;
        final Function<Sent, MockHttpServletRequestBuilder> request;

        Endpoint(boolean post, Function<Sent, MockHttpServletRequestBuilder> request) {
            this.post = post;
            this.request = request;
        }

        MockHttpServletRequestBuilder from(Sent sent) {
            MockHttpServletRequestBuilder builder = request.apply(sent);
            return post ? builder.with(csrf()) : builder;
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    ReferralFixtures referrals;

    @Autowired
    ChildminderRegistry registry;

    @Autowired
    OrganisationRepository organisations;

    @Autowired
    OfferService offerService;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    SqlStatementCounter statements;

    ProviderOfferFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new ProviderOfferFixtures(accounts, referrals, registry, jdbc, clock, organisations, offerService);
    }

    // --- Who may reach what -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void anonymousVisitorsAreSentToTheLoginPage(Endpoint endpoint) throws Exception {
        Sent sent = fixtures.toHomeCare();

        mvc.perform(endpoint.from(sent)).andExpect(redirectedUrl("/login"));

        assertStillPending(sent);
    }

    static Stream<Arguments> everyEndpointForEveryOtherRole() {
        List<Arguments> arguments = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (Role role : List.of(Role.ADVISOR, Role.CAF_OFFICER, Role.ADMIN)) {
                arguments.add(Arguments.of(endpoint, role));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest
    @MethodSource("everyEndpointForEveryOtherRole")
    void otherRolesAreRefused(Endpoint endpoint, Role role) throws Exception {
        Sent sent = fixtures.toHomeCare();
        // Even the officer who sent the offer does not answer it.
        Account other = role == Role.CAF_OFFICER ? sent.officer() : accounts.create(role);

        mvc.perform(endpoint.from(sent).with(user(principal(other)))).andExpect(status().isForbidden());

        assertStillPending(sent);
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"OFFER", "ACCEPT", "DECLINE"})
    void anotherProvidersUserDoesNotFindTheOffer(Endpoint endpoint) throws Exception {
        Sent sent = fixtures.toHomeCare();

        mvc.perform(endpoint.from(sent).with(user(principal(fixtures.otherProvider()))))
                .andExpect(status().isNotFound());

        assertStillPending(sent);
    }

    @Test
    void anotherProvidersUserDoesNotSeeTheOfferInTheirList() throws Exception {
        Sent sent = fixtures.toHomeCare();

        String page = html(get("/provider/offers"), fixtures.otherProvider());

        assertThat(page).doesNotContain("/provider/offers/" + sent.offerId() + "\"");
    }

    @Test
    void anUnknownOfferIsNotFound() throws Exception {
        Sent sent = fixtures.toHomeCare();

        mvc.perform(get("/provider/offers/999999999").with(user(principal(sent.provider()))))
                .andExpect(status().isNotFound());
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"ACCEPT", "DECLINE"})
    void anAnswerWithoutTheCsrfTokenIsRefused(Endpoint endpoint) throws Exception {
        Sent sent = fixtures.toHomeCare();

        mvc.perform(endpoint.request.apply(sent).with(user(principal(sent.provider()))))
                .andExpect(status().isForbidden());

        assertStillPending(sent);
    }

    // --- What the provider sees ---------------------------------------------------------------------------------

    @Test
    void thePendingListShowsTheOfferWithTheTimeLeftAndNothingAboutTheParent() throws Exception {
        Sent sent = fixtures.toHomeCare();

        String page = html(get("/provider/offers"), sent.provider());

        assertThat(page).contains("data-testid=\"offer-row\"", "data-testid=\"offer-link\"",
                "href=\"/provider/offers/" + sent.offerId() + "\"", "Évry-Courcouronnes",
                "Garde ponctuelle d’urgence à domicile", "Entretien d’embauche");
        // Sent a moment ago with 24 hours to answer.
        assertThat(page).containsPattern("data-testid=\"time-left\"[^>]*>\\s*<span>Reste 2[34] h \\d\\d</span>");
        assertNoParentContact(page, sent);
    }

    @Test
    void eachStatusHasItsTabAndTheDefaultIsPending() throws Exception {
        Sent sent = fixtures.toHomeCare();

        mvc.perform(get("/provider/offers").with(user(principal(sent.provider()))))
                .andExpect(status().isOk()).andExpect(view().name("routing/provider/offers"))
                .andExpect(model().attribute("status", OfferStatus.PENDING));
        for (OfferStatus status : ProviderOfferController.TABS) {
            String page = html(get("/provider/offers").param("status", status.name()), sent.provider());
            assertThat(page).contains("href=\"/provider/offers?status=PENDING\"",
                    "href=\"/provider/offers?status=ACCEPTED\"", "href=\"/provider/offers?status=DECLINED\"",
                    "href=\"/provider/offers?status=EXPIRED\"");
            assertThat(page.contains("href=\"/provider/offers/" + sent.offerId() + "\""))
                    .as("the pending offer listed under " + status).isEqualTo(status == OfferStatus.PENDING);
        }
    }

    @Test
    void anUnknownStatusIsABadRequest() throws Exception {
        Sent sent = fixtures.toHomeCare();

        mvc.perform(get("/provider/offers").param("status", "NOPE").with(user(principal(sent.provider()))))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theCancelledStatusIsNotATabAndShowsThePendingOffers() throws Exception {
        Sent sent = fixtures.toHomeCare();

        String page = mvc.perform(get("/provider/offers").param("status", "CANCELLED")
                        .with(user(principal(sent.provider()))))
                .andExpect(status().isOk()).andExpect(model().attribute("status", OfferStatus.PENDING))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("href=\"/provider/offers/" + sent.offerId() + "\"");
    }

    @Test
    void aPageNumberBeyondTheLastShowsTheLastPage() throws Exception {
        Sent sent = fixtures.toHomeCare();

        String page = html(get("/provider/offers").param("page", "99"), sent.provider());

        assertThat(page).contains("href=\"/provider/offers/" + sent.offerId() + "\"");
    }

    @Test
    void aPendingOfferShowsWhatIsNeededToDecideButNotTheParent() throws Exception {
        Sent sent = fixtures.toChildminder(2);

        String page = html(get("/provider/offers/" + sent.offerId()), sent.provider());

        assertThat(page).contains("Noah", "4 ans", "Évry-Courcouronnes (91228)", "Accueil occasionnel",
                "Entretien d’embauche", "Entretien d’embauche à 9 h, merci de confirmer vite.",
                "data-testid=\"time-left\"", "data-testid=\"accept\"", "Accepter et réserver la place",
                "id=\"decline-reason\"", "name=\"reason\"", "id=\"decline-comment\"", "name=\"comment\"",
                "data-testid=\"decline\"");
        assertThat(page).doesNotContain("data-testid=\"parent-contact\"");
        assertNoParentContact(page, sent);
        assertThat(page).as("no birth date")
                .doesNotContain(LocalDate.now(clock).minusYears(4).format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
    }

    @Test
    void theOfferReadsInEnglishToo() throws Exception {
        Sent sent = fixtures.toChildminder(2);

        String page = html(get("/provider/offers/" + sent.offerId()).param("lang", "en"), sent.provider());

        assertThat(page).contains("Noah", "4 years", "Child to care for", "Accept and reserve the place",
                "Reason for declining");
        assertThat(html(get("/provider/offers").param("lang", "en"), sent.provider()))
                .containsPattern("\\d+ h \\d\\d left").contains("Pending: page 1 of 1");
    }

    @Test
    void aHomeCareServiceIsAskedToAcceptWithoutReservingAPlace() throws Exception {
        Sent sent = fixtures.toHomeCare();

        String page = html(get("/provider/offers/" + sent.offerId()), sent.provider());

        assertThat(page).contains(">Accepter</button>").doesNotContain("réserver la place");
    }

    @Test
    void theHomePageCountsPendingAndAcceptedOffersAndLinksToTheLists() throws Exception {
        Sent first = fixtures.toHomeCare();
        Sent second = fixtures.toSameProvider(first);
        offerService.accept(principal(second.provider()), second.offerId());

        String page = html(get("/provider"), first.provider());

        assertThat(page).containsPattern("data-testid=\"count-pending\"[^>]*>1<")
                .containsPattern("data-testid=\"count-accepted\"[^>]*>1<")
                .contains("href=\"/provider/offers?status=PENDING\"", "href=\"/provider/offers?status=ACCEPTED\"",
                        "href=\"/provider/offers\"");
    }

    // --- Accepting ------------------------------------------------------------------------------------------------

    @Test
    void acceptingArrangesTheCareAndThenShowsTheParentsContact() throws Exception {
        Sent sent = fixtures.toHomeCare();

        mvc.perform(Endpoint.ACCEPT.from(sent).with(user(principal(sent.provider()))))
                .andExpect(redirectedUrl("/provider/offers/" + sent.offerId()))
                .andExpect(flash().attribute("flash", "routing.provider.flash.accepted"));

        assertThat(fixtures.offerStatus(sent)).isEqualTo("ACCEPTED");
        assertThat(fixtures.reload(sent).getStatus()).isEqualTo(ReferralStatus.CARE_ARRANGED);
        String page = html(get("/provider/offers/" + sent.offerId()), sent.provider());
        assertThat(page).contains("data-testid=\"parent-contact\"", sent.parentLastName(), sent.parentFirstName(),
                ProviderOfferFixtures.PARENT_PHONE, "href=\"tel:0612345678\"");
        assertThat(page).doesNotContain("data-testid=\"accept\"", "data-testid=\"decline\"");
        String accepted = html(get("/provider/offers").param("status", "ACCEPTED"), sent.provider());
        assertThat(accepted).contains("href=\"/provider/offers/" + sent.offerId() + "\"");
        assertThat(accepted).as("the list never shows the parent").doesNotContain(sent.parentLastName());
    }

    @Test
    void acceptingAnOfferPastItsDeadlineIsRefusedWithAMessage() throws Exception {
        Sent sent = fixtures.toHomeCare();
        fixtures.overdue(sent);

        String page = mvc.perform(Endpoint.ACCEPT.from(sent).with(user(principal(sent.provider()))))
                .andExpect(status().isOk()).andExpect(view().name("routing/provider/offer"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("data-testid=\"action-error\"", "Le délai de réponse est dépassé");
        assertNoParentContact(page, sent);
        assertStillPending(sent);
        assertThat(html(get("/provider/offers/" + sent.offerId()), sent.provider()))
                .contains("data-testid=\"overdue-note\"", "Délai dépassé").doesNotContain("data-testid=\"accept\"");
    }

    @Test
    void acceptingWhenTheLastPlaceIsTakenIsRefusedWithAMessage() throws Exception {
        Sent first = fixtures.toChildminder(1);
        Sent second = fixtures.toSameProvider(first);
        offerService.accept(principal(first.provider()), first.offerId());

        String page = html(Endpoint.ACCEPT.from(second), second.provider());

        assertThat(page).contains("data-testid=\"action-error\"", "Il n’y a plus de place disponible");
        assertStillPending(second);
    }

    @Test
    void acceptingTwiceSaysTheOfferIsAlreadyAnswered() throws Exception {
        Sent sent = fixtures.toHomeCare();
        offerService.accept(principal(sent.provider()), sent.offerId());

        String page = html(Endpoint.ACCEPT.from(sent), sent.provider());

        assertThat(page).contains("data-testid=\"action-error\"", "Cette proposition a déjà reçu une réponse.");
        assertThat(fixtures.offerStatus(sent)).isEqualTo("ACCEPTED");
    }

    // --- Declining ------------------------------------------------------------------------------------------------

    @Test
    void decliningWithAReasonSendsTheReferralBackToRouting() throws Exception {
        Sent sent = fixtures.toChildminder(2);

        mvc.perform(post("/provider/offers/" + sent.offerId() + "/decline").with(csrf())
                        .param("reason", "DATES_UNAVAILABLE").param("comment", "  En congés cette semaine.  ")
                        .with(user(principal(sent.provider()))))
                .andExpect(redirectedUrl("/provider/offers"))
                .andExpect(flash().attribute("flash", "routing.provider.flash.declined"));

        assertThat(fixtures.offerStatus(sent)).isEqualTo("DECLINED");
        assertThat(fixtures.reload(sent).getStatus()).isEqualTo(ReferralStatus.ELIGIBLE);
        assertThat(jdbc.sql("select decline_reason || '|' || decline_comment from offer where id = ?")
                .param(sent.offerId()).query(String.class).single())
                .isEqualTo("DATES_UNAVAILABLE|En congés cette semaine.");
        String page = html(get("/provider/offers/" + sent.offerId()), sent.provider());
        assertThat(page).contains("Dates impossibles", "En congés cette semaine.");
        assertNoParentContact(page, sent);
    }

    @Test
    void decliningForAnotherReasonWithoutACommentShowsAnErrorAndSavesNothing() throws Exception {
        Sent sent = fixtures.toHomeCare();

        String page = mvc.perform(post("/provider/offers/" + sent.offerId() + "/decline").with(csrf())
                        .param("reason", "OTHER").param("comment", "   ")
                        .with(user(principal(sent.provider()))))
                .andExpect(status().isOk()).andExpect(view().name("routing/provider/offer"))
                .andExpect(model().attributeHasFieldErrorCode("declineForm", "comment",
                        "routing.provider.decline.commentRequired"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("id=\"decline-comment-error\"", "Précisez le motif du refus dans le commentaire.",
                "aria-describedby=\"decline-comment-hint decline-comment-error\"", "<option value=\"OTHER\" selected");
        assertStillPending(sent);
    }

    @Test
    void decliningWithoutAReasonShowsAnErrorAndSavesNothing() throws Exception {
        Sent sent = fixtures.toHomeCare();

        String page = html(post("/provider/offers/" + sent.offerId() + "/decline").with(csrf())
                .param("reason", "").param("comment", "Non."), sent.provider());

        assertThat(page).contains("id=\"decline-reason-error\"", "Choisissez le motif du refus.");
        // The summary's link leads to the field (whose id carries the form's prefix).
        assertThat(page).contains("href=\"#decline-reason\"", "id=\"decline-reason\"");
        assertStillPending(sent);
    }

    @Test
    void decliningWithAReasonNotInTheListShowsAnErrorAndSavesNothing() throws Exception {
        Sent sent = fixtures.toHomeCare();

        String page = html(post("/provider/offers/" + sent.offerId() + "/decline").with(csrf())
                .param("reason", "BORED"), sent.provider());

        assertThat(page).contains("id=\"decline-reason-error\"", "Choisissez un motif de la liste.");
        assertStillPending(sent);
    }

    @Test
    void decliningAnOfferPastItsDeadlineIsRefusedWithAMessage() throws Exception {
        Sent sent = fixtures.toChildminder(2);
        fixtures.overdue(sent);

        String page = html(Endpoint.DECLINE.from(sent), sent.provider());

        assertThat(page).contains("data-testid=\"action-error\"", "Le délai de réponse est dépassé");
        assertStillPending(sent);
        assertThat(fixtures.reload(sent).getStatus()).isEqualTo(ReferralStatus.OFFERED);
    }

    // --- Performance ----------------------------------------------------------------------------------------------

    @Test
    void theListRunsAsManyStatementsForOneOfferAsForAFullPage() throws Exception {
        Sent first = fixtures.toChildminder(4);
        CurrentUser provider = principal(first.provider());
        long one = statements.count(() -> html(get("/provider/offers"), first.provider()));

        for (int i = 1; i < OfferViews.PAGE_SIZE + 2; i++) {
            fixtures.toSameProvider(first);
        }
        long full = statements.count(() -> html(get("/provider/offers"), first.provider()));

        assertThat(full).isEqualTo(one);
        assertThat(html(get("/provider/offers"), first.provider()))
                .contains("En attente : page 1 sur 2 (" + (OfferViews.PAGE_SIZE + 2) + " au total)");
        assertThat(provider.getOrganisationId()).isEqualTo(first.organisationId());
    }

    // --- Helpers ----------------------------------------------------------------------------------------------------

    private String html(MockHttpServletRequestBuilder request, Account account) throws Exception {
        return mvc.perform(request.with(user(principal(account))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private CurrentUser principal(Account account) {
        return referrals.principal(account);
    }

    private void assertStillPending(Sent sent) {
        assertThat(fixtures.offerStatus(sent)).isEqualTo("PENDING");
        assertThat(fixtures.reload(sent).getStatus()).isEqualTo(ReferralStatus.OFFERED);
    }

    private static void assertNoParentContact(String page, Sent sent) {
        assertThat(page).doesNotContain(sent.parentLastName(), sent.parentFirstName(),
                ProviderOfferFixtures.PARENT_PHONE, "0612345678", "+33612345678", "tel:");
    }
}
