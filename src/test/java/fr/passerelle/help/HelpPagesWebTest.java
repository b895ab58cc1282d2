package fr.passerelle.help;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The help pages of each role, the Caf's contact in every page's footer, and the print view of a referral. */
@IntegrationTest
class HelpPagesWebTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    ReferralFixtures fixtures;

    @ParameterizedTest
    @CsvSource({"ADVISOR, advisor, Nouvelle orientation", "CAF_OFFICER, caf-officer, File d’attente",
            "PROVIDER, provider, Acceptez ou refusez", "ADMIN, admin, label AVIP"})
    void everyRoleFindsItsOwnHelpFromEveryPage(Role role, String slug, String step) throws Exception {
        CurrentUser signedIn = accounts.signedIn(accounts.create(role));
        String home = page(signedIn, role.homePath());
        assertThat(home).contains("href=\"/help\"").contains("data-testid=\"footer-contact\"")
                .contains("passerelle@caf91.fr");

        mvc.perform(get("/help").with(user(signedIn))).andExpect(redirectedUrl("/help/" + slug));
        String help = page(signedIn, "/help/" + slug);
        assertThat(help).contains("data-testid=\"help-steps\"").contains(step)
                .contains("a 24 h pour répondre à une proposition")
                .contains("data-testid=\"help-caf-contact\"").contains("01 60 00 00 00");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyHelpPageIsWrittenInBothLanguages(Role role) throws Exception {
        CurrentUser signedIn = accounts.signedIn(accounts.create(Role.ADVISOR));
        String slug = HelpController.slug(role);
        String french = page(signedIn, "/help/" + slug);
        String english = mvc.perform(get("/help/" + slug).param("lang", "en").with(user(signedIn)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(french).doesNotContain("??");
        assertThat(english).doesNotContain("??").contains("Step by step");
    }

    @Test
    void anUnknownHelpPageIsNotFound() throws Exception {
        CurrentUser signedIn = accounts.signedIn(accounts.create(Role.ADVISOR));
        mvc.perform(get("/help/nobody").with(user(signedIn))).andExpect(status().isNotFound());
    }

    @Test
    void theAdvisorAndTheOfficerCanPrintAReferralWithOnlyTheReferralOnPaper() throws Exception {
        Account advisor = fixtures.advisor();
        Referral referral = fixtures.submitted(advisor);
        assertThat(page(fixtures.principal(advisor), "/advisor/referrals/" + referral.getId()))
                .contains("data-print").contains("Imprimer");
        Account officer = fixtures.officerIn("91");
        assertThat(page(fixtures.principal(officer), "/officer/referrals/" + referral.getId()))
                .contains("data-print");

        String css = Files.readString(Path.of("src/main/resources/static/css/app.css"));
        String print = css.substring(css.indexOf("@media print"));
        assertThat(print).contains(".app-header").contains(".app-footer").contains("form").contains(".btn");
    }

    private String page(CurrentUser signedIn, String path) throws Exception {
        return mvc.perform(get(path).with(user(signedIn))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
