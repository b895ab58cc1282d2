package fr.passerelle.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.provider.ChildminderRegistry;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.RoutingFixtures;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The data protection pages through MockMvc, each role as it signs in: the access log records every view of a
 * family's data and an administrator lists it; consent withdrawal withdraws, cancels the offer (the provider is told)
 * and erases; the retention page, the right of access and the public notice.
 */
@IntegrationTest
class PrivacyWebTest {

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
    OfferService offers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    RoutingFixtures routing() {
        return new RoutingFixtures(accounts, referrals, registry, jdbc, clock, organisations);
    }

    CurrentUser principal(Account account) {
        return referrals.principal(account);
    }

    List<String> accessesTo(long referralId) {
        return jdbc.sql("select page || ':' || viewer_id from referral_access where referral_id = ? order by id")
                .param(referralId).query(String.class).list();
    }

    @Test
    void everyViewOfAFamilysDataIsLoggedAndAnAdministratorListsThem() throws Exception {
        RoutingFixtures routing = routing();
        Account advisor = referrals.advisor();
        Account officer = referrals.officerIn(ReferralFixtures.ESSONNE);
        Referral referral = routing.eligible(advisor, officer);
        long id = referral.getId();
        ProviderRef provider = routing.homeCareService();
        Account providerUser = routing.userOf(routing.organisationOf(provider));
        long offerId = offers.sendOffer(principal(officer), id, provider, null).offerId();

        mvc.perform(get("/advisor/referrals/{id}", id).with(user(principal(advisor)))).andExpect(status().isOk());
        mvc.perform(get("/officer/referrals/{id}", id).with(user(principal(officer)))).andExpect(status().isOk());
        mvc.perform(get("/officer/referrals/{id}/routing", id).with(user(principal(officer))))
                .andExpect(status().isOk());
        // Before acceptance the provider sees no name: nothing to log.
        mvc.perform(get("/provider/offers/{id}", offerId).with(user(principal(providerUser))))
                .andExpect(status().isOk());
        assertThat(accessesTo(id)).containsExactly("ADVISOR_DETAIL:" + advisor.user().getId(),
                "OFFICER_REVIEW:" + officer.user().getId(), "OFFICER_ROUTING:" + officer.user().getId());
        offers.accept(principal(providerUser), offerId);
        mvc.perform(get("/provider/offers/{id}", offerId).with(user(principal(providerUser))))
                .andExpect(status().isOk());
        assertThat(accessesTo(id)).hasSize(4).last().isEqualTo("PROVIDER_OFFER:" + providerUser.user().getId());

        Account admin = accounts.create(Role.ADMIN);
        String page = mvc.perform(get("/admin/privacy/referrals/{id}/accesses", id).with(user(principal(admin))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("data-page=\"PROVIDER_OFFER\"", "data-page=\"OFFICER_ROUTING\"",
                "data-page=\"OFFICER_REVIEW\"", "data-page=\"ADVISOR_DETAIL\"", "Test ADVISOR");
        mvc.perform(get("/admin/privacy/accesses").param("referral", String.valueOf(id))
                        .with(user(principal(admin))))
                .andExpect(status().is3xxRedirection());

        Account otherAdmin = accounts.create(Role.ADMIN,
                accounts.organisation(OrganisationKind.CAF, "48", "48095"));
        mvc.perform(get("/admin/privacy/referrals/{id}/accesses", id).with(user(principal(otherAdmin))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/admin/privacy/referrals/{id}/accesses", id).with(user(principal(advisor))))
                .andExpect(status().isForbidden());
    }

    @Test
    void consentWithdrawnWithdrawsTheReferralCancelsItsOfferAndErasesItsData() throws Exception {
        RoutingFixtures routing = routing();
        Account advisor = referrals.advisor();
        Account officer = referrals.officerIn(ReferralFixtures.ESSONNE);
        Referral referral = routing.eligible(advisor, officer);
        long id = referral.getId();
        ProviderRef provider = routing.homeCareService();
        Account providerUser = routing.userOf(routing.organisationOf(provider));
        long offerId = offers.sendOffer(principal(officer), id, provider, "Merci de confirmer.").offerId();
        long version = referrals.reload(id).getVersion();

        // Not confirmed: nothing happens, the page says why next to the box.
        mvc.perform(post("/advisor/referrals/{id}/consent-withdrawal", id).param("version", "" + version)
                        .with(csrf()).with(user(principal(advisor))))
                .andExpect(flash().attribute("consentError", "privacy.consent.confirm.required"));
        // Another agency's advisor: not found.
        mvc.perform(post("/advisor/referrals/{id}/consent-withdrawal", id).param("version", "" + version)
                        .param("confirmed", "true").with(csrf()).with(user(principal(referrals.advisor()))))
                .andExpect(status().isNotFound());
        assertThat(referrals.reload(id).getStatus().name()).isEqualTo("OFFERED");

        mvc.perform(post("/advisor/referrals/{id}/consent-withdrawal", id).param("version", "" + version)
                        .param("confirmed", "true").with(csrf()).with(user(principal(advisor))))
                .andExpect(flash().attribute("flash", "privacy.consent.flash.withdrawn"));

        assertThat(jdbc.sql("""
                        select status || '/' || (parent_last_name is null) || '/' || (france_travail_id is null) || '/'
                               || (phone is null) || '/' || (consent_withdrawn_at is not null)
                        from referral where id = ?""").param(id).query(String.class).single())
                .isEqualTo("WITHDRAWN/true/true/true/true");
        assertThat(jdbc.sql("select count(*) from referral_child where referral_id = ? and first_name is not null")
                .param(id).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select status || '/' || (message is null) from offer where id = ?").param(offerId)
                .query(String.class).single()).isEqualTo("CANCELLED/true");
        assertThat(jdbc.sql("select count(*) from notification where recipient_id = ? and kind = 'OFFER_CANCELLED'")
                .param(providerUser.user().getId()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry
                        where entity_type = 'REFERRAL' and entity_id = ? and action = 'CONSENT_WITHDRAWN'
                          and actor_id = ?""").param(id).param(advisor.user().getId()).query(Long.class).single())
                .isEqualTo(1);
        // The page still opens, and says the data is erased.
        String page = mvc.perform(get("/advisor/referrals/{id}", id).with(user(principal(advisor))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("data-testid=\"anonymised\"").doesNotContain("data-testid=\"withdraw-consent\"");
        // The Caf's pages of an erased referral still open (no name, no birth date to compute an age from).
        mvc.perform(get("/officer/referrals/{id}", id).with(user(principal(officer)))).andExpect(status().isOk());
        mvc.perform(get("/provider/offers/{id}", offerId).with(user(principal(providerUser))))
                .andExpect(status().isOk());
        mvc.perform(get("/advisor/referrals").with(user(principal(advisor)))).andExpect(status().isOk());
        // Twice: refused with a message, nothing else changes.
        mvc.perform(post("/advisor/referrals/{id}/consent-withdrawal", id)
                        .param("version", "" + referrals.reload(id).getVersion()).param("confirmed", "true")
                        .with(csrf()).with(user(principal(advisor))))
                .andExpect(flash().attribute("error", "privacy.consent.alreadyErased"));
    }

    @Test
    void aFinishedReferralsConsentWithdrawnErasesItWithoutAnotherMove() throws Exception {
        Account advisor = referrals.advisor();
        Account officer = referrals.officerIn(ReferralFixtures.ESSONNE);
        Referral referral = referrals.declareIneligible(officer, referrals.submitted(advisor),
                fr.passerelle.eligibility.IneligibilityReason.OTHER);
        long id = referral.getId();
        mvc.perform(post("/advisor/referrals/{id}/consent-withdrawal", id)
                        .param("version", "" + referrals.reload(id).getVersion()).param("confirmed", "true")
                        .with(csrf()).with(user(principal(advisor))))
                .andExpect(flash().attribute("flash", "privacy.consent.flash.withdrawn"));
        assertThat(jdbc.sql("select status || '/' || (parent_last_name is null) from referral where id = ?")
                .param(id).query(String.class).single()).isEqualTo("INELIGIBLE/true");
        assertThat(jdbc.sql("select count(*) from eligibility_decision where referral_id = ? and comment is not null")
                .param(id).query(Long.class).single()).isZero();
    }

    @Test
    void theRetentionPageShowsWhatTheNextRunWillDoTheSettingsAndTheLastRuns() throws Exception {
        Account admin = accounts.create(Role.ADMIN);
        String page = mvc.perform(get("/admin/privacy").with(user(principal(admin))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("data-testid=\"retention-next\"", "data-row=\"anonymise\"", "24 mois",
                "90 jours", "12 mois", "0 15 2 * * *");
        mvc.perform(get("/admin/privacy").with(user(principal(referrals.advisor()))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/privacy/accesses").param("referral", "abc").with(user(principal(admin))))
                .andExpect(status().isOk());
    }

    @Test
    void anAdministratorFindsAPersonsReferralsAndGetsWhatIsHeldAboutThem() throws Exception {
        Account advisor = referrals.advisor();
        ReferralFixtures.Family family = referrals.family();
        Referral referral = referrals.file(advisor, family, true);
        long id = referral.getId();
        Account admin = accounts.create(Role.ADMIN);

        String errors = mvc.perform(post("/admin/privacy/rights").with(csrf()).with(user(principal(admin))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(errors).contains("id=\"lastName-error\"", "id=\"firstName-error\"", "id=\"childBirthDate-error\"");

        String found = mvc.perform(post("/admin/privacy/rights").param("franceTravailId", family.franceTravailId())
                        .with(csrf()).with(user(principal(admin))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(found).contains("data-testid=\"rights-found\"", ">" + id + "<")
                .doesNotContain(family.parentLastName());
        String byName = mvc.perform(post("/admin/privacy/rights").param("lastName", family.parentLastName())
                        .param("firstName", "Léa").param("childBirthDate", LocalDateHolder.childBirth(clock))
                        .with(csrf()).with(user(principal(admin))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(byName).contains(">" + id + "<");

        String file = mvc.perform(post("/admin/privacy/rights/file").param("franceTravailId", family.franceTravailId())
                        .with(csrf()).with(user(principal(admin))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(file).contains(family.parentLastName(), "Noah", family.franceTravailId());
        String csv = mvc.perform(post("/admin/privacy/rights/file.csv")
                        .param("franceTravailId", family.franceTravailId()).with(csrf()).with(user(principal(admin))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains(family.parentLastName(), "Noah");
        assertThat(accessesTo(id)).contains("RIGHT_OF_ACCESS_HTML:" + admin.user().getId(),
                "RIGHT_OF_ACCESS_CSV:" + admin.user().getId());

        // A referral with an offer and an outcome: every part of the file, in words.
        fr.passerelle.organisation.Organisation agency = accounts.organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY,
                "91", ReferralFixtures.EVRY);
        fr.passerelle.organisation.Organisation homeCare = accounts.organisation(OrganisationKind.HOME_CARE_SERVICE,
                "91", ReferralFixtures.EVRY);
        Account agencyAdvisor = accounts.create(Role.ADVISOR, agency);
        Account provider = accounts.create(Role.PROVIDER, homeCare);
        fr.passerelle.statistics.StatisticsFixtures f = new fr.passerelle.statistics.StatisticsFixtures(jdbc,
                clock.getZone());
        java.time.Instant sent = clock.instant().minus(java.time.Duration.ofDays(10));
        long closed = f.draft(agency.getId(), agencyAdvisor.user().getId(), ReferralFixtures.EVRY, "91",
                "EMERGENCY_HOME_CARE", "JOB", sent);
        f.sent(closed, agencyAdvisor.user().getId(), sent);
        f.eligible(closed, admin.user().getId(), sent.plusSeconds(3600));
        f.offer(closed, "HOME_CARE", homeCare.getId(), provider.user().getId(), admin.user().getId(),
                sent.plusSeconds(7200), "ACCEPTED", java.time.Duration.ofHours(1), null);
        f.closed(closed, agencyAdvisor.user().getId(), sent.plusSeconds(86_400 * 3), "JOB_STARTED");
        String closedFile = mvc.perform(post("/admin/privacy/rights/file")
                        .param("franceTravailId", jdbc.sql("select france_travail_id from referral where id = ?")
                                .param(closed).query(String.class).single())
                        .with(csrf()).with(user(principal(admin))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(closedFile).contains("Emploi commencé", "Acceptée", "Service d’aide à domicile", "Enfant");

        Account otherAdmin = accounts.create(Role.ADMIN,
                accounts.organisation(OrganisationKind.CAF, "48", "48095"));
        String elsewhere = mvc.perform(post("/admin/privacy/rights").param("franceTravailId", family.franceTravailId())
                        .with(csrf()).with(user(principal(otherAdmin))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(elsewhere).doesNotContain(">" + id + "<");
    }

    @Test
    void theNoticeIsPublicAndLinkedFromEveryFooter() throws Exception {
        String notice = mvc.perform(get("/privacy")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(notice).contains("data-testid=\"retention-periods\"", "24 mois", "90 jours", "12 mois");
        String login = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(login).contains("href=\"/privacy\"");
    }

    /** The fixture family's child: born four years before today. */
    static final class LocalDateHolder {
        static String childBirth(Clock clock) {
            return java.time.LocalDate.now(clock).minusYears(4).toString();
        }
    }
}
