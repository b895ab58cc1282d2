package fr.passerelle.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import fr.passerelle.eligibility.IneligibilityReason;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.ReferralQueries.ReferralPage;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.MockMvcSessionIds;
import fr.passerelle.support.SqlStatementCounter;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import fr.passerelle.territory.CommuneDirectory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The advisor's pages: who may reach each one, what the forms accept and refuse, and what the list shows.
 * Each test files its own referrals, for its own organisation.
 */
@IntegrationTest
class AdvisorReferralWebTest {

    private static final String BASE = "/advisor/referrals";

    /** Every advisor endpoint, with a request that would succeed for the owner of a referral in the right status. */
    enum Endpoint {
        LIST(false, referral -> get(BASE)),
        SEARCH(true, referral -> post(BASE + "/search").param("q", "Martin")),
        NEW_FORM(false, referral -> get(BASE + "/new")),
        CREATE(true, referral -> post(BASE + "/new").param("creationToken", UUID.randomUUID().toString())
                .param("parentLastName", "Nouveau")),
        VIEW(false, referral -> get(BASE + "/" + referral.getId())),
        EDIT_FORM(false, referral -> get(BASE + "/" + referral.getId() + "/edit")),
        UPDATE(true, referral -> post(BASE + "/" + referral.getId() + "/edit")
                .param("version", String.valueOf(referral.getVersion())).param("parentLastName", "Intrus")),
        SUBMIT(true, referral -> post(BASE + "/" + referral.getId() + "/submit")
                .param("version", String.valueOf(referral.getVersion()))),
        ANSWER(true, referral -> post(BASE + "/" + referral.getId() + "/answer")
                .param("version", String.valueOf(referral.getVersion())).param("answer", "Voici la réponse.")),
        WITHDRAW(true, referral -> post(BASE + "/" + referral.getId() + "/withdraw")
                .param("version", String.valueOf(referral.getVersion())).param("reason", "La famille a trouvé."));

        final boolean post;
        final Function<Referral, MockHttpServletRequestBuilder> request;

        Endpoint(boolean post, Function<Referral, MockHttpServletRequestBuilder> request) {
            this.post = post;
            this.request = request;
        }

        /** The request, with the CSRF token a real form carries when it is a POST. */
        MockHttpServletRequestBuilder from(Referral referral) {
            MockHttpServletRequestBuilder builder = request.apply(referral);
            return post ? builder.with(csrf()) : builder;
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcIndexedSessionRepository sessions;

    @Autowired
    ReferralFixtures fixtures;

    @Autowired
    TestAccounts accounts;

    @Autowired
    SqlStatementCounter statements;

    @Autowired
    Clock clock;

    @Autowired
    CommuneDirectory communes;

    // --- Who may reach what -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void anonymousVisitorsAreSentToTheLoginPage(Endpoint endpoint) throws Exception {
        Account advisor = fixtures.advisor();
        Referral referral = fixtures.draft(advisor);

        mvc.perform(endpoint.from(referral)).andExpect(redirectedUrl("/login"));

        assertUnchanged(referral);
        assertThat(fixtures.countFiledBy(advisor)).isEqualTo(1);
    }

    static Stream<Arguments> everyEndpointForEveryOtherRole() {
        List<Arguments> arguments = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (Role role : List.of(Role.CAF_OFFICER, Role.PROVIDER, Role.ADMIN)) {
                arguments.add(Arguments.of(endpoint, role));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest
    @MethodSource("everyEndpointForEveryOtherRole")
    void otherRolesAreRefused(Endpoint endpoint, Role role) throws Exception {
        Referral referral = fixtures.draft(fixtures.advisor());
        Account other = accounts.create(role);

        mvc.perform(endpoint.from(referral).with(user(fixtures.principal(other)))).andExpect(status().isForbidden());

        assertUnchanged(referral);
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"VIEW", "EDIT_FORM", "UPDATE", "SUBMIT", "ANSWER", "WITHDRAW"})
    void anotherOrganisationsReferralIsNotFound(Endpoint endpoint) throws Exception {
        Referral draft = fixtures.draft(fixtures.advisor());
        Referral questioned = questioned(fixtures.advisor());
        CurrentUser stranger = fixtures.principal(fixtures.advisor());

        for (Referral referral : List.of(draft, questioned)) {
            mvc.perform(endpoint.from(referral).with(user(stranger))).andExpect(status().isNotFound());

            assertUnchanged(referral);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"SEARCH", "CREATE", "UPDATE", "SUBMIT", "ANSWER", "WITHDRAW"})
    void postsWithoutTheCsrfTokenAreRefused(Endpoint endpoint) throws Exception {
        Account advisor = fixtures.advisor();
        Referral referral = endpoint == Endpoint.ANSWER ? questioned(advisor) : fixtures.draft(advisor);

        mvc.perform(endpoint.request.apply(referral).with(user(fixtures.principal(advisor))))
                .andExpect(status().isForbidden());

        assertUnchanged(referral);
        assertThat(fixtures.countFiledBy(advisor)).isEqualTo(1);
    }

    @Test
    void theOwnerSeesTheListTheNewFormAndTheirReferral() throws Exception {
        Account advisor = fixtures.advisor();
        Referral referral = fixtures.draft(advisor);
        CurrentUser owner = fixtures.principal(advisor);

        mvc.perform(Endpoint.LIST.from(referral).with(user(owner)))
                .andExpect(status().isOk()).andExpect(view().name("referral/list"));
        mvc.perform(Endpoint.NEW_FORM.from(referral).with(user(owner)))
                .andExpect(status().isOk()).andExpect(view().name("referral/form"));
        mvc.perform(Endpoint.VIEW.from(referral).with(user(owner)))
                .andExpect(status().isOk()).andExpect(view().name("referral/view"));
        mvc.perform(Endpoint.EDIT_FORM.from(referral).with(user(owner)))
                .andExpect(status().isOk()).andExpect(view().name("referral/form"));
    }

    @Test
    void theOwnerSearchesAndIsSentBackToTheList() throws Exception {
        Account advisor = fixtures.advisor();

        mvc.perform(Endpoint.SEARCH.from(null).with(user(fixtures.principal(advisor))))
                .andExpect(redirectedUrl(BASE));
    }

    @Test
    void theOwnerFilesAReferralAndIsSentToIt() throws Exception {
        Account advisor = fixtures.advisor();

        MvcResult result = mvc.perform(Endpoint.CREATE.from(null).with(user(fixtures.principal(advisor))))
                .andExpect(redirectedUrlPattern(BASE + "/*"))
                .andExpect(flash().attribute("flash", "referral.flash.saved"))
                .andReturn();

        Referral filed = stored(result);
        assertThat(filed.getStatus()).isEqualTo(ReferralStatus.DRAFT);
        assertThat(filed.getParentLastName()).isEqualTo("Nouveau");
    }

    @Test
    void theOwnerEditsTheirDraft() throws Exception {
        Account advisor = fixtures.advisor();
        Referral referral = fixtures.draft(advisor);

        mvc.perform(Endpoint.UPDATE.from(referral).with(user(fixtures.principal(advisor))))
                .andExpect(redirectedUrl(BASE + "/" + referral.getId()))
                .andExpect(flash().attribute("flash", "referral.flash.saved"));

        assertThat(fixtures.reload(referral).getParentLastName()).isEqualTo("Intrus");
    }

    @Test
    void theOwnerSubmitsTheirDraft() throws Exception {
        Account advisor = fixtures.advisor();
        Referral referral = fixtures.draft(advisor);

        mvc.perform(Endpoint.SUBMIT.from(referral).with(user(fixtures.principal(advisor))))
                .andExpect(redirectedUrl(BASE + "/" + referral.getId()))
                .andExpect(flash().attribute("flash", "referral.flash.submitted"));

        assertThat(fixtures.reload(referral).getStatus()).isEqualTo(ReferralStatus.SUBMITTED);
    }

    @Test
    void regularCareWithoutItsScheduleCannotBeSentFromItsPage() throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        Referral regular = fixtures.file(advisor, fixtures.family().need(CareNeed.REGULAR).withoutRegularSchedule(), false);

        mvc.perform(Endpoint.SUBMIT.from(regular).with(user(owner)))
                .andExpect(redirectedUrl(BASE + "/" + regular.getId()))
                .andExpect(flash().attribute("error", "referral.incomplete"));

        assertThat(fixtures.reload(regular).getStatus()).isEqualTo(ReferralStatus.DRAFT);
        String page = mvc.perform(get(BASE + "/" + regular.getId()).with(user(owner)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("data-testid=\"submit\"");
    }

    @Test
    void sendingAPossibleDuplicateFromItsPageLeadsToTheFormAndItsWarning() throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        ReferralFixtures.Family family = fixtures.family();
        fixtures.file(fixtures.advisor(), family, true);
        Referral draft = fixtures.file(advisor, family, false);

        MockHttpSession session = new MockHttpSession();
        mvc.perform(Endpoint.SUBMIT.from(draft).session(session).with(user(owner)))
                .andExpect(redirectedUrl(BASE + "/" + draft.getId() + "/edit"));

        assertThat(fixtures.reload(draft).getStatus()).isEqualTo(ReferralStatus.DRAFT);
        String form = mvc.perform(get(BASE + "/" + draft.getId() + "/edit").session(session).with(user(owner)))
                .andExpect(status().isOk()).andExpect(view().name("referral/form"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("data-testid=\"duplicate-warning\"", "name=\"duplicateConfirmed\"");
    }

    @Test
    void theAdvisorSeesWhyTheFamilyWasFoundNotEligible() throws Exception {
        Account advisor = fixtures.advisor();
        Referral ineligible = fixtures.declareIneligible(accounts.create(Role.CAF_OFFICER),
                fixtures.submitted(advisor), IneligibilityReason.CHILD_TOO_OLD);

        String page = mvc.perform(get(BASE + "/" + ineligible.getId()).with(user(fixtures.principal(advisor))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("data-testid=\"ineligibility-reason\"", "Motif : Enfant au-delà de l’âge limite");
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"SUBMIT", "WITHDRAW"})
    void anActionSentTwiceIsReportedAsDone(Endpoint endpoint) throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        Referral draft = fixtures.draft(advisor);
        String success = endpoint == Endpoint.SUBMIT ? "referral.flash.submitted" : "referral.flash.withdrawn";

        mvc.perform(endpoint.from(draft).with(user(owner))).andExpect(flash().attribute("flash", success));
        mvc.perform(endpoint.from(draft).with(user(owner)))
                .andExpect(redirectedUrl(BASE + "/" + draft.getId()))
                .andExpect(flash().attribute("flash", success));
    }

    @Test
    void anAnswerSentTwiceIsReportedAsDone() throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        Referral questioned = questioned(advisor);

        mvc.perform(Endpoint.ANSWER.from(questioned).with(user(owner)))
                .andExpect(flash().attribute("flash", "referral.flash.answered"));
        mvc.perform(Endpoint.ANSWER.from(questioned).with(user(owner)))
                .andExpect(flash().attribute("flash", "referral.flash.answered"));

        assertThat(fixtures.reload(questioned).getStatus()).isEqualTo(ReferralStatus.SUBMITTED);
    }

    @Test
    void theOwnerAnswersTheCafsQuestionAndTheReferralGoesBackToTheQueue() throws Exception {
        Account advisor = fixtures.advisor();
        Referral referral = questioned(advisor);

        mvc.perform(Endpoint.ANSWER.from(referral).with(user(fixtures.principal(advisor))))
                .andExpect(redirectedUrl(BASE + "/" + referral.getId()))
                .andExpect(flash().attribute("flash", "referral.flash.answered"));

        assertThat(fixtures.reload(referral).getStatus()).isEqualTo(ReferralStatus.SUBMITTED);
    }

    @Test
    void theOwnerWithdrawsTheirReferral() throws Exception {
        Account advisor = fixtures.advisor();
        Referral referral = fixtures.submitted(advisor);

        mvc.perform(Endpoint.WITHDRAW.from(referral).with(user(fixtures.principal(advisor))))
                .andExpect(redirectedUrl(BASE + "/" + referral.getId()))
                .andExpect(flash().attribute("flash", "referral.flash.withdrawn"));

        assertThat(fixtures.reload(referral).getStatus()).isEqualTo(ReferralStatus.WITHDRAWN);
    }

    // --- The form -----------------------------------------------------------------------------------------------

    @Test
    void anEmptyFormCannotBeSentAndSavesNothing() throws Exception {
        Account advisor = fixtures.advisor();

        String page = rejected(advisor, newForm().param("action", "submit"))
                .andExpect(model().attributeHasFieldErrorCode("form", "parentLastName", "NotBlank"))
                .andExpect(model().attributeHasFieldErrorCode("form", "franceTravailId", "NotBlank"))
                .andExpect(model().attributeHasFieldErrorCode("form", "children", "Size"))
                .andExpect(model().attributeHasFieldErrorCode("form", "consentGiven", "AssertTrue"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("Le formulaire contient des erreurs", "Indiquez le nom du parent.",
                "Indiquez l’identifiant France Travail du parent.",
                "Indiquez entre 1 et 6 enfants.", "Le consentement du parent est nécessaire pour envoyer l’orientation.");
        assertThat(fixtures.countFiledBy(advisor)).isZero();
    }

    @Test
    void everyLinkOfTheErrorSummaryLeadsToItsField() throws Exception {
        Account advisor = fixtures.advisor();

        String page = rejected(advisor, newForm().param("action", "submit")
                        .param("need", "REGULAR"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        List<String> targets = errorSummaryTargets(page);
        assertThat(targets).contains("purpose", "children", "consentGiven", "regularDays");
        assertThat(targets).allSatisfy(id -> assertThat(page).contains("id=\"" + id + "\""));
    }

    /** The fragment ids the error summary links to. */
    static List<String> errorSummaryTargets(String page) {
        String summary = page.substring(page.indexOf("id=\"error-summary\""));
        summary = summary.substring(0, summary.indexOf("</ul>"));
        return Pattern.compile("href=\"#([^\"]+)\"").matcher(summary).results()
                .map(match -> match.group(1)).toList();
    }

    @Test
    void aMalformedFranceTravailIdentifierIsRefusedEvenInADraft() throws Exception {
        Account advisor = fixtures.advisor();

        String page = rejected(advisor, newForm().param("parentLastName", "Martin").param("franceTravailId", "12AB"))
                .andExpect(model().attributeHasFieldErrorCode("form", "franceTravailId", "Pattern"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("L’identifiant France Travail doit compter 7 chiffres suivis d’une lettre ou "
                + "d’un chiffre, ou 11 chiffres.");
        assertThat(fixtures.countFiledBy(advisor)).isZero();
    }

    @Test
    void aReferralCannotBeSentWithoutTheParentsConsent() throws Exception {
        Account advisor = fixtures.advisor();

        String page = rejected(advisor, completeForm(newForm(), "consentGiven").param("action", "submit"))
                .andExpect(model().attributeHasFieldErrorCode("form", "consentGiven", "AssertTrue"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("Le consentement du parent est nécessaire pour envoyer l’orientation.");
        assertThat(fixtures.countFiledBy(advisor)).isZero();
    }

    @Test
    void aChildCannotBeBornInTheFuture() throws Exception {
        Account advisor = fixtures.advisor();

        String page = rejected(advisor, newForm().param("children[0].firstName", "Noah")
                        .param("children[0].birthDate", today().plusDays(1).toString()))
                .andExpect(model().attributeHasFieldErrorCode("form", "children[0].birthDate",
                        "dates.birthDate.future"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("La date de naissance ne peut pas être dans le futur.");
        assertThat(fixtures.countFiledBy(advisor)).isZero();
    }

    @Test
    void aReferralCannotBeSentWithoutAChild() throws Exception {
        Account advisor = fixtures.advisor();

        String page = rejected(advisor, completeForm(newForm(), "children[0].firstName", "children[0].birthDate")
                        .param("action", "submit"))
                .andExpect(model().attributeHasFieldErrorCode("form", "children", "Size"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("Indiquez entre 1 et 6 enfants.");
        assertThat(fixtures.countFiledBy(advisor)).isZero();
    }

    @Test
    void aFamilyWhereNoCafUsesPasserelleCannotBeSentButCanBeSaved() throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        String departement = fixtures.departementWithoutCaf();
        String commune = fixtures.communeIn(departement);
        String label = communes.findByInseeCode(commune).orElseThrow().label();

        String page = rejected(advisor, completeForm(newForm(), "communeQuery").param("communeQuery", label).param("action", "submit"))
                .andExpect(model().attributeHasFieldErrorCode("form", "communeQuery", "referral.commune.noCaf"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Aucune Caf de ce département n’utilise Passerelle : la famille doit habiter le "
                + "territoire d’une Caf partenaire.");
        assertThat(fixtures.countFiledBy(advisor)).isZero();

        MvcResult saved = mvc.perform(completeForm(newForm(), "communeQuery").param("communeQuery", label).param("action", "save")
                        .with(user(owner)))
                .andExpect(redirectedUrlPattern(BASE + "/*"))
                .andReturn();
        Referral draft = stored(saved);
        mvc.perform(Endpoint.SUBMIT.from(draft).with(user(owner)))
                .andExpect(redirectedUrl(BASE + "/" + draft.getId()))
                .andExpect(flash().attribute("error", "referral.commune.noCaf"));
        assertThat(fixtures.reload(draft).getStatus()).isEqualTo(ReferralStatus.DRAFT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"remove-child-x", "remove-child-99999999999",
            "remove-child--1", "remove-child-7"})
    void anUnknownChildRowButtonIsIgnored(String action) throws Exception {
        Account advisor = fixtures.advisor();

        mvc.perform(newForm().param("children[0].firstName", "Noah").param("action", action)
                        .with(user(fixtures.principal(advisor))))
                .andExpect(status().isOk())
                .andExpect(view().name("referral/form"));

        assertThat(fixtures.countFiledBy(advisor)).isZero();
    }

    @Test
    void moreThanSixChildrenIsAFormErrorEvenInADraft() throws Exception {
        Account advisor = fixtures.advisor();
        MockHttpServletRequestBuilder form = newForm().param("action", "save");
        for (int i = 0; i < Referral.MAX_CHILDREN + 1; i++) {
            form.param("children[" + i + "].firstName", "Enfant" + i)
                    .param("children[" + i + "].birthDate", today().minusYears(2).toString());
        }

        String page = rejected(advisor, form)
                .andExpect(model().attributeHasFieldErrorCode("form", "children", "Size"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("Indiquez entre 1 et 6 enfants.");
        assertThat(fixtures.countFiledBy(advisor)).isZero();
    }

    @Test
    void aChildRowFarBeyondTheFormIsABadRequest() throws Exception {
        Account advisor = fixtures.advisor();

        mvc.perform(newForm().param("children[300].firstName", "Noah").param("action", "save")
                        .with(user(fixtures.principal(advisor))))
                .andExpect(status().isBadRequest());

        assertThat(fixtures.countFiledBy(advisor)).isZero();
    }

    @Test
    void aDraftCanBeSavedWithAFewFields() throws Exception {
        Account advisor = fixtures.advisor();

        MvcResult result = mvc.perform(newForm().param("parentLastName", "Brouillon").param("action", "save")
                        .with(user(fixtures.principal(advisor))))
                .andExpect(redirectedUrlPattern(BASE + "/*"))
                .andReturn();

        Referral draft = stored(result);
        assertThat(draft.getStatus()).isEqualTo(ReferralStatus.DRAFT);
        assertThat(draft.getParentLastName()).isEqualTo("Brouillon");
        assertThat(draft.getFranceTravailId()).isNull();
        assertThat(fixtures.countFiledBy(advisor)).isEqualTo(1);
    }

    @Test
    void aCompleteFormIsSentToTheCafAtOnce() throws Exception {
        Account advisor = fixtures.advisor();

        MvcResult result = mvc.perform(completeForm(newForm()).param("action", "submit")
                        .with(user(fixtures.principal(advisor))))
                .andExpect(redirectedUrlPattern(BASE + "/*"))
                .andExpect(flash().attribute("flash", "referral.flash.submitted"))
                .andReturn();

        Referral sent = stored(result);
        assertThat(sent.getStatus()).isEqualTo(ReferralStatus.SUBMITTED);
        assertThat(sent.getCommuneCode()).isEqualTo(ReferralFixtures.EVRY);
        assertThat(sent.getDepartementCode()).isEqualTo(ReferralFixtures.ESSONNE);
        assertThat(sent.getPhone()).isEqualTo("+33612345678");
    }

    @Test
    void theSameFormPostedTwiceFilesOneReferral() throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        UUID token = UUID.randomUUID();
        Map<String, String> fields = completeFields();
        MockHttpServletRequestBuilder once = newForm(token).param("action", "submit").with(user(owner));
        MockHttpServletRequestBuilder again = newForm(token).param("action", "submit").with(user(owner));
        fields.forEach(once::param);
        fields.forEach(again::param);

        String first = mvc.perform(once).andExpect(redirectedUrlPattern(BASE + "/*"))
                .andReturn().getResponse().getRedirectedUrl();
        String second = mvc.perform(again).andExpect(redirectedUrlPattern(BASE + "/*"))
                .andExpect(flash().attribute("flash", "referral.flash.submitted"))
                .andReturn().getResponse().getRedirectedUrl();

        assertThat(second).isEqualTo(first);
        assertThat(fixtures.countFiledBy(advisor)).isEqualTo(1);
    }

    @Test
    void aStaleEditKeepsWhatWasTypedSaysWhyAndOverwritesNothing() throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        Referral referral = fixtures.draft(advisor);
        String version = String.valueOf(referral.getVersion());
        mvc.perform(post(BASE + "/" + referral.getId() + "/edit").with(csrf()).with(user(owner))
                        .param("version", version).param("parentLastName", "Premier"))
                .andExpect(redirectedUrl(BASE + "/" + referral.getId()));

        MvcResult result = mvc.perform(post(BASE + "/" + referral.getId() + "/edit").with(csrf()).with(user(owner))
                        .param("version", version).param("parentLastName", "Second"))
                .andExpect(status().isOk())
                .andExpect(view().name("referral/form"))
                .andExpect(model().attributeErrorCount("form", 1))
                .andReturn();

        Referral saved = fixtures.reload(referral);
        assertThat(saved.getParentLastName()).isEqualTo("Premier");
        assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("Quelqu’un a modifié cette orientation pendant que vous la modifiiez.")
                .contains("value=\"Second\"");
        // Saving again is then a knowing choice: the form now carries the version it would overwrite.
        ReferralForm form = (ReferralForm) result.getModelAndView().getModel().get("form");
        assertThat(form.getVersion()).isEqualTo(saved.getVersion());
    }

    @Test
    void aStaleSubmitIsExplainedAndChangesNothing() throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        Referral stale = fixtures.draft(advisor);
        changeElsewhere(owner, stale);

        MockHttpSession session = new MockHttpSession();
        mvc.perform(Endpoint.SUBMIT.from(stale).session(session).with(user(owner)))
                .andExpect(redirectedUrl(BASE + "/" + stale.getId()))
                .andExpect(flash().attribute("error", "referral.stale.action"));

        assertThat(fixtures.reload(stale).getStatus()).isEqualTo(ReferralStatus.DRAFT);
        String page = mvc.perform(get(BASE + "/" + stale.getId()).session(session).with(user(owner)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Cette orientation a changé depuis que vous l’avez ouverte.");
    }

    @Test
    void aStaleWithdrawalIsExplainedAndChangesNothing() throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        Referral stale = fixtures.draft(advisor);
        changeElsewhere(owner, stale);

        mvc.perform(Endpoint.WITHDRAW.from(stale).with(user(owner)))
                .andExpect(redirectedUrl(BASE + "/" + stale.getId()))
                .andExpect(flash().attribute("error", "referral.stale.action"));

        assertThat(fixtures.reload(stale).getStatus()).isEqualTo(ReferralStatus.DRAFT);
    }

    // --- The list -----------------------------------------------------------------------------------------------

    @Test
    void theListFiltersByStatusPurposeNeedAndFirstDayWithinTheOrganisation() throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        LocalDate today = today();
        Referral interview = fixtures.file(advisor, fixtures.family().purpose(Purpose.JOB_INTERVIEW)
                .need(CareNeed.OCCASIONAL).on(today.plusDays(3)), true);
        Referral training = fixtures.file(advisor, fixtures.family().purpose(Purpose.TRAINING)
                .need(CareNeed.EMERGENCY_HOME_CARE).on(today.plusDays(10)), false);
        Referral job = fixtures.file(advisor, fixtures.family().purpose(Purpose.JOB)
                .need(CareNeed.OCCASIONAL).on(today.plusDays(20)), false);
        // Another agency's referral matching every filter is never shown.
        fixtures.file(fixtures.advisor(), fixtures.family().purpose(Purpose.TRAINING)
                .need(CareNeed.EMERGENCY_HOME_CARE).on(today.plusDays(10)), true);

        assertThat(listed(owner, get(BASE))).containsExactlyInAnyOrder(interview.getId(), training.getId(),
                job.getId());
        assertThat(listed(owner, get(BASE).param("status", "SUBMITTED"))).containsExactly(interview.getId());
        assertThat(listed(owner, get(BASE).param("status", "DRAFT")))
                .containsExactlyInAnyOrder(training.getId(), job.getId());
        assertThat(listed(owner, get(BASE).param("purpose", "TRAINING"))).containsExactly(training.getId());
        assertThat(listed(owner, get(BASE).param("need", "EMERGENCY_HOME_CARE"))).containsExactly(training.getId());
        assertThat(listed(owner, get(BASE).param("from", today.plusDays(5).toString())
                .param("to", today.plusDays(15).toString()))).containsExactly(training.getId());
        assertThat(listed(owner, get(BASE).param("from", today.plusDays(10).toString())))
                .containsExactlyInAnyOrder(training.getId(), job.getId());
        assertThat(listed(owner, get(BASE).param("status", "DRAFT").param("need", "OCCASIONAL")))
                .containsExactly(job.getId());
        assertThat(listed(owner, get(BASE).param("status", "WITHDRAWN"))).isEmpty();
    }

    @Test
    void theSearchFindsAParentByNameOrFranceTravailIdentifierWithinTheOrganisation() throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        ReferralFixtures.Family lefevre = fixtures.family().parent("Lefèvre", "Élodie");
        Referral found = fixtures.file(advisor, lefevre, false);
        Referral other = fixtures.file(advisor, fixtures.family().parent("Dupont", "Marc"), false);
        fixtures.file(fixtures.advisor(), fixtures.family().parent("Lefèvre", "Élodie"), false);
        MockHttpSession session = new MockHttpSession();

        assertThat(searched(owner, session, "lefevre")).containsExactly(found.getId());
        assertThat(searched(owner, session, "LEFÈVRE ÉL")).containsExactly(found.getId());
        String spacedIdentifier = lefevre.franceTravailId().substring(0, 4) + " "
                + lefevre.franceTravailId().substring(4).toLowerCase();
        assertThat(searched(owner, session, spacedIdentifier)).containsExactly(found.getId());
        assertThat(searched(owner, session, "nobody-like-this")).isEmpty();
        assertThat(searched(owner, session, "")).containsExactlyInAnyOrder(found.getId(), other.getId());
    }

    @Test
    void theSearchIsKeptInTheSessionNotInTheAddress() throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        fixtures.file(advisor, fixtures.family().parent("Lefèvre", "Élodie"), false);
        MockHttpSession session = new MockHttpSession();

        mvc.perform(post(BASE + "/search").param("q", "Lefèvre").session(session).with(csrf()).with(user(owner)))
                .andExpect(redirectedUrl(BASE));

        Session stored = sessions.findById(MockMvcSessionIds.storedId(session));
        assertThat(stored.<String>getAttribute(AdvisorReferralController.SEARCH_ATTRIBUTE)).isEqualTo("Lefèvre");
        assertThat(mvc.perform(get(BASE).session(session).with(user(owner))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("Recherche en cours : « Lefèvre »");
    }

    @Test
    void theListSortsByCreationFirstDayOrLongestWait() throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        LocalDate today = today();
        Referral soonest = fixtures.file(advisor, fixtures.family().on(today.plusDays(3)), false);
        Referral latest = fixtures.file(advisor, fixtures.family().on(today.plusDays(9)), false);
        Referral middle = fixtures.file(advisor, fixtures.family().on(today.plusDays(6)), false);
        fixtures.submit(advisor, soonest);

        assertThat(listed(owner, get(BASE))).containsExactly(middle.getId(), latest.getId(), soonest.getId());
        assertThat(listed(owner, get(BASE).param("sort", "CREATED")))
                .containsExactly(middle.getId(), latest.getId(), soonest.getId());
        assertThat(listed(owner, get(BASE).param("sort", "FIRST_DAY")))
                .containsExactly(soonest.getId(), middle.getId(), latest.getId());
        assertThat(listed(owner, get(BASE).param("sort", "WAITING")))
                .containsExactly(latest.getId(), middle.getId(), soonest.getId());
    }

    @Test
    void theListIsPagedWithTheOrganisationsReferralsOnly() throws Exception {
        Account advisor = fixtures.advisor();
        CurrentUser owner = fixtures.principal(advisor);
        List<Long> filed = new ArrayList<>();
        for (int i = 0; i < ReferralQueries.PAGE_SIZE + 3; i++) {
            filed.add(fixtures.draft(advisor).getId());
        }
        Referral stranger = fixtures.draft(fixtures.advisor());

        ReferralPage first = page(mvc.perform(get(BASE).with(user(owner))).andReturn());
        ReferralPage second = page(mvc.perform(get(BASE).param("after", first.nextAfter().toString())
                .param("page", "2").with(user(owner))).andReturn());
        ReferralPage elsewhere = page(mvc.perform(get(BASE).param("after", stranger.getId().toString())
                .with(user(owner))).andReturn());

        assertThat(first.rows()).hasSize(ReferralQueries.PAGE_SIZE);
        assertThat(first.first()).isTrue();
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.total()).isEqualTo(filed.size());
        assertThat(first.nextAfter()).isEqualTo(first.rows().get(ReferralQueries.PAGE_SIZE - 1).getId());
        assertThat(second.rows()).hasSize(3);
        assertThat(second.first()).isFalse();
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.nextAfter()).isNull();
        assertThat(Stream.concat(first.rows().stream(), second.rows().stream()).map(Referral::getId))
                .containsExactlyInAnyOrderElementsOf(filed);
        // Another organisation's referral is no key into this list: it reads nothing of either.
        assertThat(elsewhere.rows()).isEmpty();
    }

    @Test
    void theListRunsAFewStatementsWhateverTheNumberOfRows() throws Exception {
        Account alone = fixtures.advisor();
        fixtures.submitted(alone);
        Account busy = fixtures.advisor();
        for (int i = 0; i < 30; i++) {
            fixtures.file(busy, fixtures.family(), i % 2 == 0);
        }
        CurrentUser aloneUser = fixtures.principal(alone);
        CurrentUser busyUser = fixtures.principal(busy);

        long oneRow = statements.count(() -> mvc.perform(get(BASE).with(user(aloneUser)))
                .andExpect(status().isOk()));
        long fullPage = statements.count(() -> mvc.perform(get(BASE).with(user(busyUser)))
                .andExpect(status().isOk()));
        Long key = page(mvc.perform(get(BASE).with(user(busyUser))).andReturn()).nextAfter();
        long nextPage = statements.count(() -> mvc.perform(get(BASE).param("after", key.toString())
                .param("page", "2").with(user(busyUser))).andExpect(status().isOk()));

        // The same statements for one row, a full page, and a page read after a key: none per row.
        assertThat(fullPage).isEqualTo(oneRow);
        assertThat(nextPage).isEqualTo(fullPage);
        // The page's ids (an index-only scan), their rows, the capped count, the session check every signed-in
        // request makes (SessionValidityFilter) and the bell's unread count in the header (NotificationBell).
        assertThat(fullPage).isLessThanOrEqualTo(5);
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private Referral questioned(Account advisor) {
        Referral submitted = fixtures.submitted(advisor);
        return fixtures.requestInformation(accounts.create(Role.CAF_OFFICER), submitted);
    }

    /** Someone else saves the referral, in another tab. */
    private void changeElsewhere(CurrentUser owner, Referral referral) throws Exception {
        mvc.perform(post(BASE + "/" + referral.getId() + "/edit").with(csrf()).with(user(owner))
                        .param("version", String.valueOf(referral.getVersion())).param("parentLastName", "Ailleurs"))
                .andExpect(redirectedUrl(BASE + "/" + referral.getId()));
    }

    private void assertUnchanged(Referral before) {
        Referral now = fixtures.reload(before);
        assertThat(now.getVersion()).isEqualTo(before.getVersion());
        assertThat(now.getStatus()).isEqualTo(before.getStatus());
        assertThat(now.getParentLastName()).isEqualTo(before.getParentLastName());
    }

    private ResultActions rejected(Account advisor,
            MockHttpServletRequestBuilder form) throws Exception {
        return mvc.perform(form.with(user(fixtures.principal(advisor))))
                .andExpect(status().isOk())
                .andExpect(view().name("referral/form"))
                .andExpect(model().attributeHasErrors("form"));
    }

    private static MockHttpServletRequestBuilder newForm() {
        return newForm(UUID.randomUUID());
    }

    private static MockHttpServletRequestBuilder newForm(UUID creationToken) {
        return post(BASE + "/new").with(csrf()).param("creationToken", creationToken.toString());
    }

    /** A form with everything the Caf needs but the fields {@code leftOut}. */
    private MockHttpServletRequestBuilder completeForm(MockHttpServletRequestBuilder form, String... leftOut) {
        Map<String, String> fields = completeFields();
        List.of(leftOut).forEach(fields::remove);
        fields.forEach(form::param);
        return form;
    }

    /** Everything the Caf needs, for a family of its own (so never a duplicate of another test's). */
    private Map<String, String> completeFields() {
        return ReferralFixtures.completeFormFields(today());
    }

    private List<Long> listed(CurrentUser viewer, MockHttpServletRequestBuilder request) throws Exception {
        return page(mvc.perform(request.with(user(viewer))).andExpect(status().isOk()).andReturn()).rows()
                .stream().map(Referral::getId).toList();
    }

    private List<Long> searched(CurrentUser viewer, MockHttpSession session, String query) throws Exception {
        mvc.perform(post(BASE + "/search").param("q", query).session(session).with(csrf()).with(user(viewer)))
                .andExpect(redirectedUrl(BASE));
        return listed(viewer, get(BASE).session(session));
    }

    private static ReferralPage page(MvcResult result) {
        return (ReferralPage) result.getModelAndView().getModel().get("page");
    }

    private Referral stored(MvcResult result) {
        String url = result.getResponse().getRedirectedUrl();
        long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        return fixtures.reload(id);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
