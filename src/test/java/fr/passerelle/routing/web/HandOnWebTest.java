package fr.passerelle.routing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.OfficerRoutingFixtures;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.offer.HandOnProperties;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * The automatic hand-on's pages: the Caf administrators' settings (French form, bad input next to the field, nothing
 * saved; each Caf its own; other roles refused) and, on the officer's routing page, the chain and its stop button.
 */
@IntegrationTest
class HandOnWebTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ReferralFixtures referrals;

    @Autowired
    TestAccounts accounts;

    @Autowired
    OfferService offers;

    @Autowired
    OrganisationRepository organisations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HandOnProperties defaults;

    OfficerRoutingFixtures fixtures;
    String departement;
    Account officer;
    CurrentUser admin;

    @BeforeEach
    void setUp() {
        fixtures = new OfficerRoutingFixtures(referrals, accounts, jdbc);
        departement = fixtures.quietDepartement();
        // A service based there: the département is no longer quiet, so that no other test chooses for its Caf.
        fixtures.homeCareService(departement, "Aide");
        officer = fixtures.officerIn(departement);
        admin = adminOf(officer);
    }

    // --- The Caf's settings -------------------------------------------------------------------------------------

    @Test
    void theSettingsPageShowsEachNeedWithTheDefaults() throws Exception {
        Document page = page(get("/admin/hand-on").with(user(admin)));

        assertThat(page.select("form[data-need]")).hasSize(3);
        Element emergency = page.selectFirst("form[data-need=EMERGENCY_HOME_CARE]");
        assertThat(emergency.selectFirst("input[name=automatic]").hasAttr("checked"))
                .as("the configuration's default (off in tests)").isEqualTo(defaults.emergencyHomeCare());
        assertThat(emergency.selectFirst("input[name=maxHops]").val()).isEqualTo("3");
        assertThat(emergency.selectFirst("label[for=max-hops-EMERGENCY_HOME_CARE]")).isNotNull();
        assertThat(page.selectFirst("form[data-need=OCCASIONAL] input[name=automatic]").hasAttr("checked"))
                .isFalse();
        assertThat(emergency.text()).contains("Réglage par défaut");
    }

    @Test
    void aBadNumberComesBackNextToItsFieldAndNothingIsSaved() throws Exception {
        for (String bad : new String[] {"abc", "0", "21", ""}) {
            Document page = page(post("/admin/hand-on/OCCASIONAL").with(user(admin)).with(csrf())
                    .param("automatic", "true").param("maxHops", bad).param("version", "0"));

            Element field = page.selectFirst("#max-hops-OCCASIONAL");
            assertThat(field.attr("aria-invalid")).as(bad).isEqualTo("true");
            assertThat(field.attr("aria-describedby")).contains("max-hops-OCCASIONAL-error");
            assertThat(page.selectFirst("#max-hops-OCCASIONAL-error").text()).as(bad).startsWith("Indiquez");
        }
        assertThat(rows(departement)).isZero();
    }

    @Test
    void aCafChoosesForItselfOnlyAndTheChoiceIsAudited() throws Exception {
        String otherDepartement = fixtures.quietDepartement();
        CurrentUser otherAdmin = adminOf(fixtures.officerIn(otherDepartement));

        mvc.perform(post("/admin/hand-on/OCCASIONAL").with(user(admin)).with(csrf())
                        .param("automatic", "true").param("maxHops", "2").param("version", "0"))
                .andExpect(redirectedUrl("/admin/hand-on"))
                .andExpect(flash().attribute("flash", "routing.handOn.settings.saved"));

        assertThat(jdbc.sql("""
                        select automatic and max_hops = 2 from hand_on_setting
                        where departement_code = ? and need = 'OCCASIONAL'""")
                .param(departement).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry a join hand_on_setting s on s.id = a.entity_id
                        where a.entity_type = 'HAND_ON_SETTING' and s.departement_code = ?""")
                .param(departement).query(Long.class).single()).isEqualTo(1);
        Document elsewhere = page(get("/admin/hand-on").with(user(otherAdmin)));
        assertThat(elsewhere.selectFirst("form[data-need=OCCASIONAL] input[name=automatic]").hasAttr("checked"))
                .as("another Caf keeps its own setting").isFalse();
        assertThat(rows(otherDepartement)).isZero();
    }

    @Test
    void aStaleFormIsRefused() throws Exception {
        mvc.perform(post("/admin/hand-on/REGULAR").with(user(admin)).with(csrf())
                .param("automatic", "true").param("maxHops", "2").param("version", "0"));

        mvc.perform(post("/admin/hand-on/REGULAR").with(user(admin)).with(csrf())
                        .param("maxHops", "5").param("version", "0"))
                .andExpect(flash().attribute("error", "routing.handOn.settings.concurrent"));

        assertThat(jdbc.sql("select max_hops from hand_on_setting where departement_code = ? and need = 'REGULAR'")
                .param(departement).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void otherRolesUnknownNeedsAndPostsWithoutTokenAreRefused() throws Exception {
        mvc.perform(get("/admin/hand-on").with(user(referrals.principal(officer)))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/hand-on/OCCASIONAL").with(user(referrals.principal(officer))).with(csrf())
                .param("maxHops", "2")).andExpect(status().isForbidden());
        mvc.perform(post("/admin/hand-on/OCCASIONAL").with(user(admin)).param("maxHops", "2"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/hand-on/UNKNOWN").with(user(admin)).with(csrf()).param("maxHops", "2"))
                .andExpect(status().isNotFound());
        assertThat(rows(departement)).isZero();
    }

    // --- The chain on the routing page --------------------------------------------------------------------------

    @Test
    void theRoutingPageShowsTheChainAndTheOfficerStopsIt() throws Exception {
        Referral referral = fixtures.eligibleEmergency(referrals.advisor(), officer, departement);
        ProviderRef first = fixtures.homeCareService(departement, "Aide A");
        fixtures.homeCareService(departement, "Aide B");
        long sent = offers.sendOffer(referrals.principal(officer), referral.getId(), first, null).offerId();
        // Emergencies are handed on by default; tests turn the default off, so this Caf chooses it.
        mvc.perform(post("/admin/hand-on/EMERGENCY_HOME_CARE").with(user(admin)).with(csrf())
                .param("automatic", "true").param("maxHops", "3").param("version", "0"));
        offers.decline(referrals.principal(accounts.create(Role.PROVIDER, providerOrganisation(first))), sent,
                DeclineReason.NO_CAPACITY, null);

        String routing = "/officer/referrals/" + referral.getId() + "/routing";
        Document page = page(get(routing).with(user(referrals.principal(officer))));
        assertThat(page.select("[data-testid=history-sent-how]").eachText())
                .containsExactly("Par un agent", "Automatique (passage n° 1)");
        assertThat(page.selectFirst("[data-testid=hand-on-active]")).isNotNull();
        String version = page.selectFirst("[data-testid=hand-on] input[name=version]").val();

        CurrentUser elsewhere = referrals.principal(referrals.officerIn(ReferralFixtures.ESSONNE));
        mvc.perform(post("/officer/referrals/" + referral.getId() + "/hand-on/stop").with(user(elsewhere))
                .with(csrf()).param("version", version)).andExpect(status().isNotFound());
        mvc.perform(post("/officer/referrals/" + referral.getId() + "/hand-on/stop")
                .with(user(referrals.principal(officer))).param("version", version))
                .andExpect(status().isForbidden());
        mvc.perform(post("/officer/referrals/" + referral.getId() + "/hand-on/stop")
                        .with(user(referrals.principal(officer))).with(csrf()).param("version", version))
                .andExpect(redirectedUrl(routing))
                .andExpect(flash().attribute("flash", "routing.handOn.flash.stopped"));
        mvc.perform(post("/officer/referrals/" + referral.getId() + "/hand-on/stop")
                        .with(user(referrals.principal(officer))).with(csrf()).param("version", version))
                .andExpect(flash().attribute("error", "routing.officer.error.concurrent"));

        Document stopped = page(get(routing).with(user(referrals.principal(officer))));
        assertThat(stopped.selectFirst("[data-testid=hand-on-stopped]")).isNotNull();
        assertThat(stopped.selectFirst("[data-testid=stop-hand-on]")).isNull();
    }

    private Organisation providerOrganisation(ProviderRef service) {
        long id = jdbc.sql("select organisation_id from home_care_service where id = ?").param(service.id())
                .query(Long.class).single();
        return organisations.findById(id).orElseThrow();
    }

    private CurrentUser adminOf(Account cafOfficer) {
        return referrals.principal(accounts.create(Role.ADMIN, organisations
                .findById(referrals.principal(cafOfficer).getOrganisationId()).orElseThrow()));
    }

    private long rows(String departementCode) {
        return jdbc.sql("select count(*) from hand_on_setting where departement_code = ?").param(departementCode)
                .query(Long.class).single();
    }

    private Document page(RequestBuilder request) throws Exception {
        String html = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return Jsoup.parse(html);
    }
}
