package fr.passerelle.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.Purpose;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.referral.Registration;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 20 on the real PostgreSQL: each Caf's purposes (its administrators' page, versioned by date, a stale form
 * refused, only its own), the rule of the referral's day on the officer's review, the advisor's form refusing a
 * purpose the Caf does not offer, the registration routes, and the Département's RSA service and Missions locales
 * filing and seeing only their own referrals. Each test works in a département of its own, so that no other test's
 * referrals meet its settings.
 */
@IntegrationTest
class PurposesAndPrescribersWebTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private static final String[] HISTORICAL = {"JOB_INTERVIEW", "TRAINING", "JOB"};

    @Autowired
    MockMvc mvc;

    @Autowired
    ReferralFixtures referrals;

    @Autowired
    TestAccounts accounts;

    @Autowired
    OrganisationRepository organisations;

    @Autowired
    CommuneDirectory communes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    String departement;
    Account officer;
    CurrentUser admin;

    @BeforeEach
    void setUp() {
        departement = freeDepartement();
        officer = referrals.officerIn(departement);
        admin = adminOf(officer);
    }

    // --- The Caf administrators' page ---------------------------------------------------------------------------

    @Test
    void withoutAChoiceTheHistoricalPurposesAreOfferedAndEligibleAndTheNewOnesAreNot() throws Exception {
        Document page = page(get("/admin/purposes").with(user(admin)));

        assertThat(page.selectFirst("caption").text()).contains(departement);
        assertThat(page.select("tbody tr[data-purpose]")).hasSize(Purpose.values().length);
        for (String purpose : HISTORICAL) {
            assertThat(page.selectFirst("#offered-" + purpose).hasAttr("checked")).as(purpose).isTrue();
            assertThat(page.selectFirst("#eligible-" + purpose).hasAttr("checked")).as(purpose).isTrue();
        }
        for (String purpose : new String[] {"WORKSHOP", "COMPANY_IMMERSION", "RECRUITMENT_EVENT"}) {
            assertThat(page.selectFirst("#offered-" + purpose).hasAttr("checked")).as(purpose).isFalse();
            assertThat(page.selectFirst("#eligible-" + purpose).hasAttr("checked")).as(purpose).isFalse();
        }
        assertThat(page.selectFirst("label[for=offered-WORKSHOP]").text())
                .isEqualTo("Proposer « Atelier (recherche d’emploi, CV, collectif) » aux conseillers");
        assertThat(page.selectFirst("[data-testid=purposes-in-force]").text()).startsWith("Réglage par défaut");
        assertThat(page.selectFirst("[data-testid=purpose-history-empty]")).isNotNull();
    }

    @Test
    void aChangeAppendsAVersionAndAReferralSentBeforeIsDecidedWithTheOldSettings() throws Exception {
        choose(0, List.of("JOB_INTERVIEW", "TRAINING", "JOB", "WORKSHOP"),
                List.of("JOB_INTERVIEW", "TRAINING", "JOB", "WORKSHOP"))
                .andExpect(redirectedUrl("/admin/purposes"))
                .andExpect(flash().attribute("flash", "eligibility.purposes.saved"));
        Referral before = sendWorkshop();

        // The workshop stays offered but is no longer eligible, from now on.
        choose(1, List.of("JOB_INTERVIEW", "TRAINING", "JOB", "WORKSHOP"), List.of(HISTORICAL))
                .andExpect(flash().attribute("flash", "eligibility.purposes.saved"));
        Referral after = sendWorkshop();

        assertThat(jdbc.sql("""
                        select version || ':' || array_to_string(eligible, ',') from purpose_setting
                        where departement_code = ? order by version""")
                .param(departement).query(String.class).list())
                .containsExactly("1:JOB_INTERVIEW,TRAINING,JOB,WORKSHOP", "2:JOB_INTERVIEW,TRAINING,JOB");
        assertThatThrownBy(() -> jdbc.sql("update purpose_setting set eligible = '{}' where departement_code = ?")
                .param(departement).update()).isInstanceOf(DataAccessException.class);

        Document old = review(before);
        assertThat(old.selectFirst("[data-rule=ALLOWED_PURPOSE]").attr("data-outcome")).isEqualTo("PASSED");
        assertThat(old.selectFirst("[data-testid=checklist] [data-testid=purposes-of-the-day]").text())
                .isEqualTo("Motifs éligibles au " + LocalDate.now(clock).format(DAY) + " (jour de l’envoi) : "
                        + "Entretien d’embauche, Entrée en formation, Reprise d’emploi, "
                        + "Atelier (recherche d’emploi, CV, collectif).");
        Document current = review(after);
        assertThat(current.selectFirst("[data-rule=ALLOWED_PURPOSE]").attr("data-outcome")).isEqualTo("FAILED");
        assertThat(current.selectFirst("[data-rule=ALLOWED_PURPOSE]").text())
                .contains("n’était pas éligible pour la Caf le " + LocalDate.now(clock).format(DAY));
        assertThat(current.selectFirst("[data-testid=checklist] [data-testid=purposes-of-the-day]").text())
                .doesNotContain("Atelier");

        // The decision records the rule it applied.
        referrals.declareEligible(officer, before);
        Document decided = review(before);
        assertThat(decided.selectFirst("[data-testid=decisions] [data-testid=purposes-of-the-day]").text())
                .contains("Atelier");

        Document settings = page(get("/admin/purposes").with(user(admin)));
        assertThat(settings.select("[data-testid=purpose-history] tbody tr")).hasSize(2);
        assertThat(settings.selectFirst("[data-testid=purposes-in-force]").text()).startsWith("Réglage de votre Caf");
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry a join purpose_setting s on s.id = a.entity_id
                        where a.entity_type = 'PURPOSE_SETTING' and s.departement_code = ?""")
                .param(departement).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aStaleFormIsRefusedAndOverwritesNothing() throws Exception {
        choose(0, List.of("JOB", "WORKSHOP"), List.of("JOB"));

        choose(0, List.of("TRAINING"), List.of("TRAINING"))
                .andExpect(redirectedUrl("/admin/purposes"))
                .andExpect(flash().attribute("error", "eligibility.purposes.concurrent"));

        assertThat(jdbc.sql("select array_to_string(offered, ',') from purpose_setting where departement_code = ?")
                .param(departement).query(String.class).list()).containsExactly("JOB,WORKSHOP");
    }

    @Test
    void noPurposeOfferedOrAnUnknownOneComesBackNextToTheTableAndNothingIsSaved() throws Exception {
        Document none = page(post("/admin/purposes").with(user(admin)).with(csrf())
                .param("_offered", "on").param("eligible", "JOB").param("_eligible", "on").param("version", "0"));
        assertThat(none.selectFirst("#offered-error").text()).isEqualTo("Proposez au moins un motif aux conseillers.");
        assertThat(none.selectFirst("#offered-JOB").attr("aria-describedby")).isEqualTo("offered-error");
        assertThat(none.selectFirst("#offered-JOB").attr("aria-invalid")).isEqualTo("true");

        Document unknown = page(post("/admin/purposes").with(user(admin)).with(csrf())
                .param("offered", "JOB", "CHILDCARE").param("version", "0"));
        assertThat(unknown.selectFirst("#offered-error").text()).isEqualTo("Choisissez des motifs de la liste.");

        assertThat(rows(departement)).isZero();
    }

    @Test
    void onlyTheAdministratorsOfACafSeeAndChangeItsPurposesAndOnlyTheirOwn() throws Exception {
        CurrentUser officerPrincipal = referrals.principal(officer);
        CurrentUser platformAdmin = referrals.principal(accounts.create(Role.ADMIN,
                accounts.organisation(OrganisationKind.ADMINISTRATION)));
        mvc.perform(get("/admin/purposes").with(user(officerPrincipal))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/purposes").with(user(referrals.principal(referrals.advisor()))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/purposes").with(user(platformAdmin))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/purposes").with(user(platformAdmin)).with(csrf())
                .param("offered", "JOB").param("version", "0")).andExpect(status().isForbidden());
        mvc.perform(post("/admin/purposes").with(user(admin)).param("offered", "JOB").param("version", "0"))
                .andExpect(status().isForbidden());
        assertThat(rows(departement)).isZero();

        String other = freeDepartementBut(departement);
        CurrentUser otherAdmin = adminOf(referrals.officerIn(other));
        mvc.perform(post("/admin/purposes").with(user(otherAdmin)).with(csrf())
                        .param("offered", "JOB").param("eligible", "JOB").param("version", "0"))
                .andExpect(flash().attribute("flash", "eligibility.purposes.saved"));

        assertThat(rows(other)).isOne();
        assertThat(rows(departement)).as("another Caf's choice changes nothing here").isZero();
        assertThat(page(get("/admin/purposes").with(user(admin))).selectFirst("#offered-TRAINING").hasAttr("checked"))
                .isTrue();
    }

    // --- The advisor's form -------------------------------------------------------------------------------------

    @Test
    void aPurposeTheFamilysCafDoesNotOfferIsRefusedNextToTheFieldAndNothingIsSaved() throws Exception {
        choose(0, List.of("JOB_INTERVIEW", "TRAINING", "JOB", "RECRUITMENT_EVENT"), List.of(HISTORICAL));
        Account advisor = referrals.advisor();

        String page = mvc.perform(referralForm(Map.of("purpose", "COMPANY_IMMERSION")).param("action", "submit")
                        .with(user(referrals.principal(advisor))))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "purpose", "referral.purpose.notOffered"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        Document form = Jsoup.parse(page);
        assertThat(form.selectFirst("#purpose-error").text())
                .isEqualTo("Ce motif n’est pas proposé par la Caf du département de la famille : choisissez-en un autre.");
        assertThat(form.selectFirst("fieldset#purpose").attr("aria-describedby")).isEqualTo("purpose-error");
        assertThat(referrals.countFiledBy(advisor)).isZero();

        mvc.perform(referralForm(Map.of("purpose", "RECRUITMENT_EVENT")).param("action", "submit")
                        .with(user(referrals.principal(advisor))))
                .andExpect(redirectedUrlPattern("/advisor/referrals/*"));
        assertThat(jdbc.sql("select purpose from referral where organisation_id = ?")
                .param(advisor.user().getOrganisation().getId()).query(String.class).single())
                .isEqualTo("RECRUITMENT_EVENT");
    }

    @Test
    void aReferralKeepsAPurposeNoLongerOfferedAndTheFormStillShowsIt() throws Exception {
        choose(0, List.of("JOB", "WORKSHOP"), List.of("JOB", "WORKSHOP"));
        Account advisor = referrals.advisor();
        Referral draft = referrals.file(advisor, referrals.family().livingIn(referrals.communeIn(departement),
                departement).purpose(Purpose.WORKSHOP), false);
        choose(1, List.of("JOB"), List.of("JOB"));

        Document edit = page(get("/advisor/referrals/" + draft.getId() + "/edit")
                .with(user(referrals.principal(advisor))));
        assertThat(edit.select("input[name=purpose]").eachAttr("value")).contains("WORKSHOP");
        assertThat(edit.selectFirst("input[name=purpose][value=WORKSHOP]").hasAttr("checked")).isTrue();
        assertThat(edit.select("input[name=purpose][value=COMPANY_IMMERSION]")).isEmpty();

        Map<String, String> fields = new java.util.HashMap<>(Map.of("purpose", "WORKSHOP",
                "version", String.valueOf(draft.getVersion())));
        mvc.perform(referralForm(fields, "/advisor/referrals/" + draft.getId() + "/edit").param("action", "save")
                        .with(user(referrals.principal(advisor))))
                .andExpect(redirectedUrl("/advisor/referrals/" + draft.getId()));
        assertThat(referrals.reload(draft).getPurpose()).isEqualTo(Purpose.WORKSHOP);
    }

    @Test
    void theNewFormOffersTheAdvisorsCafPurposesAndAsksHowTheParentIsRegistered() throws Exception {
        Document form = page(get("/advisor/referrals/new").with(user(referrals.principal(referrals.advisor()))));

        assertThat(form.select("input[name=purpose]").eachAttr("value")).containsAll(List.of(HISTORICAL));
        assertThat(form.selectFirst("fieldset#registration legend").text()).isEqualTo("Inscription à France Travail");
        assertThat(form.select("fieldset#registration input[type=radio]").eachAttr("value"))
                .containsExactly("FRANCE_TRAVAIL_JOB_SEEKER", "RSA_RECIPIENT", "MISSION_LOCALE_YOUTH");
        assertThat(form.selectFirst("input[name=registration][value=FRANCE_TRAVAIL_JOB_SEEKER]").hasAttr("checked"))
                .isTrue();
        assertThat(form.selectFirst("label[for=jobSeekerAttested]").text())
                .contains("bénéficiaire du RSA").contains("Mission locale");
    }

    // --- Statistics ---------------------------------------------------------------------------------------------

    @Autowired
    fr.passerelle.statistics.StatisticsRefresh statisticsRefresh;

    @Test
    void theStatisticsFilterAndTheAnonymisedExportKnowTheNewPurposes() throws Exception {
        choose(0, List.of("JOB", "WORKSHOP"), List.of("JOB", "WORKSHOP"));
        sendWorkshop();
        statisticsRefresh.refreshAll();

        Document page = page(get("/statistics?purpose=WORKSHOP").with(user(admin)));
        assertThat(page.select("select#purpose option").eachAttr("value"))
                .contains("WORKSHOP", "COMPANY_IMMERSION", "RECRUITMENT_EVENT");
        assertThat(page.selectFirst("select#purpose option[value=WORKSHOP]").hasAttr("selected")).isTrue();

        var started = mvc.perform(get("/statistics/referrals-anonymised.csv").with(user(admin)))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.request().asyncStarted())
                .andReturn();
        String csv = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.lines().skip(1).toList()).singleElement().asString().contains(";WORKSHOP;");
    }

    @Test
    void aMissingOrUnknownRegistrationIsSaidNextToItsGroupAndNothingIsSaved() throws Exception {
        Account advisor = referrals.advisor();
        for (String typed : new String[] {"", "RSA"}) {
            String page = mvc.perform(referralForm(Map.of("registration", typed)).param("action", "submit")
                            .with(user(referrals.principal(advisor))))
                    .andExpect(status().isOk())
                    .andExpect(model().attributeHasFieldErrors("form", "registration"))
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            Document form = Jsoup.parse(page);
            assertThat(form.selectFirst("#registration-error").text()).as(typed)
                    .isEqualTo("Choisissez comment le parent est inscrit à France Travail.");
            assertThat(form.selectFirst("fieldset#registration").attr("aria-describedby"))
                    .contains("registration-error");
        }
        assertThat(referrals.countFiledBy(advisor)).isZero();
    }

    // --- Prescribers --------------------------------------------------------------------------------------------

    @Test
    void anRsaServiceAdvisorFilesForAnRsaRecipientAndSeesOnlyHerOrganisationsReferrals() throws Exception {
        Account rsa = advisorOf(OrganisationKind.DEPARTEMENT_RSA_SERVICE);
        Account missionLocale = advisorOf(OrganisationKind.MISSION_LOCALE);
        Account franceTravail = referrals.advisor();

        Map<String, String> fields = new java.util.HashMap<>(Map.of("registration", "RSA_RECIPIENT"));
        String location = mvc.perform(referralForm(fields).param("action", "submit")
                        .with(user(referrals.principal(rsa))))
                .andExpect(redirectedUrlPattern("/advisor/referrals/*"))
                .andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(jdbc.sql("select registration from referral where id = ?").param(id).query(String.class).single())
                .isEqualTo("RSA_RECIPIENT");
        Document shown = page(get("/advisor/referrals/" + id).with(user(referrals.principal(rsa))));
        assertThat(shown.selectFirst("[data-testid=registration]").text())
                .isEqualTo("Bénéficiaire du RSA, inscrit automatiquement");
        assertThat(page(get("/advisor/referrals").with(user(referrals.principal(rsa)))).select("tbody tr"))
                .hasSize(1);

        Referral others = referrals.submitted(franceTravail);
        for (Account stranger : List.of(missionLocale, franceTravail)) {
            mvc.perform(get("/advisor/referrals/" + id).with(user(referrals.principal(stranger))))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(get("/advisor/referrals/" + others.getId()).with(user(referrals.principal(rsa))))
                .andExpect(status().isNotFound());
        mvc.perform(post("/advisor/referrals/" + others.getId() + "/withdraw").with(user(referrals.principal(rsa)))
                .with(csrf()).param("version", String.valueOf(others.getVersion())).param("reason", "x"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/officer/queue").with(user(referrals.principal(rsa)))).andExpect(status().isForbidden());
        assertThat(page(get("/advisor/referrals").with(user(referrals.principal(missionLocale)))).select("tbody tr"))
                .isEmpty();
    }

    @Test
    void administratorsCreateRsaServicesAndMissionsLocalesWithAdvisors() throws Exception {
        CurrentUser platformAdmin = referrals.principal(accounts.create(Role.ADMIN,
                accounts.organisation(OrganisationKind.ADMINISTRATION)));
        Document form = page(get("/admin/organisations/new").with(user(platformAdmin)));
        assertThat(form.select("select[name=kind] option").eachAttr("value"))
                .contains("DEPARTEMENT_RSA_SERVICE", "MISSION_LOCALE");

        String name = "Département test — service RSA " + System.nanoTime();
        mvc.perform(post("/admin/organisations/new").with(user(platformAdmin)).with(csrf())
                        .param("kind", "DEPARTEMENT_RSA_SERVICE").param("name", name).param("departementCode", "91")
                        .param("communeQuery", ReferralFixtures.EVRY_LABEL))
                .andExpect(redirectedUrlPattern("/admin/organisations/*"));
        Organisation created = organisations.findByKindAndName(OrganisationKind.DEPARTEMENT_RSA_SERVICE, name)
                .orElseThrow();
        assertThat(OrganisationKind.DEPARTEMENT_RSA_SERVICE.allows(Role.ADVISOR)).isTrue();
        assertThat(OrganisationKind.MISSION_LOCALE.allows(Role.ADVISOR)).isTrue();
        assertThat(OrganisationKind.DEPARTEMENT_RSA_SERVICE.allows(Role.CAF_OFFICER)).isFalse();
        Account advisor = accounts.create(Role.ADVISOR, created);
        mvc.perform(get("/advisor/referrals").with(user(referrals.principal(advisor)))).andExpect(status().isOk());
    }

    // --- The registration rule on the officer's review ---------------------------------------------------------

    @Test
    void anAutomaticRegistrationCountsForReferralsSentFromTheFirstOfJanuary2025() throws Exception {
        Account rsa = advisorOf(OrganisationKind.DEPARTEMENT_RSA_SERVICE);
        Referral referral = referrals.file(rsa, referrals.family()
                .livingIn(referrals.communeIn(departement), departement).registration(Registration.RSA_RECIPIENT),
                true);

        Document now = review(referral);
        assertThat(now.selectFirst("[data-rule=REGISTERED_JOB_SEEKER]").attr("data-outcome")).isEqualTo("PASSED");
        assertThat(now.selectFirst("[data-rule=REGISTERED_JOB_SEEKER]").text())
                .contains("inscription automatique du parent, bénéficiaire du RSA");

        // 23:30 in Paris on 31 December 2024.
        sentOn(referral, "2024-12-31 22:30:00+00");
        Document before = review(referral);
        assertThat(before.selectFirst("[data-rule=REGISTERED_JOB_SEEKER]").attr("data-outcome")).isEqualTo("FAILED");
        assertThat(before.selectFirst("[data-rule=REGISTERED_JOB_SEEKER]").text())
                .contains("ne compte que pour les orientations envoyées à partir du 01/01/2025");

        // Paris time: 1 January 2025 at 00:30 is already the day.
        sentOn(referral, "2024-12-31 23:30:00+00");
        assertThat(review(referral).selectFirst("[data-rule=REGISTERED_JOB_SEEKER]").attr("data-outcome"))
                .isEqualTo("PASSED");
    }

    @Test
    void aJobSeekersReferralSentBefore2025KeepsTheOldRule() throws Exception {
        Referral referral = referrals.file(referrals.advisor(), referrals.family()
                .livingIn(referrals.communeIn(departement), departement), true);
        sentOn(referral, "2024-06-01 08:00:00+00");

        assertThat(review(referral).selectFirst("[data-rule=REGISTERED_JOB_SEEKER]").attr("data-outcome"))
                .isEqualTo("PASSED");
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private Referral sendWorkshop() {
        return referrals.file(referrals.advisor(), referrals.family()
                .livingIn(referrals.communeIn(departement), departement).purpose(Purpose.WORKSHOP), true);
    }

    private org.springframework.test.web.servlet.ResultActions choose(long version, List<String> offered,
            List<String> eligible) throws Exception {
        return mvc.perform(post("/admin/purposes").with(user(admin)).with(csrf())
                .param("offered", offered.toArray(String[]::new)).param("_offered", "on")
                .param("eligible", eligible.toArray(String[]::new)).param("_eligible", "on")
                .param("version", String.valueOf(version)));
    }

    private Document review(Referral referral) throws Exception {
        return page(get("/officer/referrals/" + referral.getId()).with(user(referrals.principal(officer))));
    }

    /** Pretends the referral was sent at that moment (the clock cannot go back to 2024). */
    private void sentOn(Referral referral, String timestamp) {
        jdbc.sql("update referral set submitted_at = cast(? as timestamptz) where id = ?")
                .param(timestamp).param(referral.getId()).update();
    }

    /** The complete form for a family of the test's département, with these fields changed. */
    private MockHttpServletRequestBuilder referralForm(Map<String, String> changes) {
        return referralForm(changes, "/advisor/referrals/new");
    }

    private MockHttpServletRequestBuilder referralForm(Map<String, String> changes, String url) {
        Map<String, String> fields = ReferralFixtures.completeFormFields(LocalDate.now(clock));
        fields.put("communeQuery", communes.findByInseeCode(referrals.communeIn(departement)).map(Commune::label)
                .orElseThrow());
        fields.putAll(changes);
        MockHttpServletRequestBuilder request = post(url).with(csrf());
        fields.forEach(request::param);
        return request;
    }

    private Account advisorOf(OrganisationKind kind) {
        return accounts.create(Role.ADVISOR, accounts.organisation(kind));
    }

    private CurrentUser adminOf(Account cafOfficer) {
        return referrals.principal(accounts.create(Role.ADMIN, organisations
                .findById(referrals.principal(cafOfficer).getOrganisationId()).orElseThrow()));
    }

    /** A mainland département with communes, no referral and no purpose settings yet: the test's own. */
    private String freeDepartement() {
        return freeDepartementBut("");
    }

    private String freeDepartementBut(String excluded) {
        return jdbc.sql("""
                        select d.code from departement d
                        where d.code ~ '^[0-9]{2}$' and d.code not in ('91', '75', ?)
                          and exists (select from commune c where c.departement_code = d.code)
                          and not exists (select from referral r where r.departement_code = d.code)
                          and not exists (select from purpose_setting s where s.departement_code = d.code)
                          and not exists (select from organisation o where o.departement_code = d.code
                                          and o.kind = 'CAF')
                        order by d.code desc limit 1""")
                .param(excluded).query(String.class).optional()
                .orElseThrow(() -> new IllegalStateException("No free département left: use a new test database"));
    }

    private long rows(String departementCode) {
        return jdbc.sql("select count(*) from purpose_setting where departement_code = ?").param(departementCode)
                .query(Long.class).single();
    }

    private Document page(RequestBuilder request) throws Exception {
        String html = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return Jsoup.parse(html);
    }
}
