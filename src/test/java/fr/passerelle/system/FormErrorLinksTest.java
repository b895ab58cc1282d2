package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralFixtures;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every form of the application posted empty: it comes back with its error summary, and every link of the summary
 * leads to an element of the page (the field in error), so that a keyboard or screen reader user reaches it.
 */
@IntegrationTest
class FormErrorLinksTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    ReferralFixtures referrals;

    @Test
    void everyErrorLinkOfEveryFormPostedEmptyLeadsToItsField() throws Exception {
        CurrentUser admin = accounts.signedIn(accounts.create(Role.ADMIN));
        Account advisorAccount = referrals.advisor();
        CurrentUser advisor = referrals.principal(advisorAccount);
        Referral submitted = referrals.submitted(advisorAccount);
        Referral draft = referrals.draft(advisorAccount);
        CurrentUser officer = referrals.principal(referrals.officerIn("91"));
        CurrentUser someone = accounts.signedIn(accounts.create(Role.PROVIDER));

        List<MockHttpServletRequestBuilder> forms = List.of(
                post("/advisor/referrals/new").param("action", "submit").with(user(advisor)),
                post("/advisor/referrals/{id}/edit", draft.getId()).param("action", "submit")
                        .param("version", String.valueOf(draft.getVersion())).with(user(advisor)),
                post("/officer/referrals/{id}/decision", submitted.getId())
                        .param("version", String.valueOf(submitted.getVersion())).with(user(officer)),
                post("/admin/users/new").with(user(admin)),
                post("/admin/users/{id}", admin.getUserId()).param("version", "0").with(user(admin)),
                post("/admin/organisations/new").with(user(admin)),
                post("/admin/childminders/new").with(user(admin)),
                post("/admin/services/home-care/new").with(user(admin)),
                post("/admin/services/creches/new").with(user(admin)),
                post("/account").with(user(someone)),
                post("/account/password").with(user(someone)));

        List<String> broken = new ArrayList<>();
        for (MockHttpServletRequestBuilder form : forms) {
            var response = mvc.perform(form.with(csrf())).andReturn().getResponse();
            String path = response.getForwardedUrl() == null ? form.toString() : response.getForwardedUrl();
            Document page = Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
            Element summary = page.getElementById("error-summary");
            if (response.getStatus() != 200 || summary == null) {
                broken.add(describe(form) + ": no error summary (status " + response.getStatus() + ")");
                continue;
            }
            assertThat(summary.attr("tabindex")).as(path).isEqualTo("-1");
            for (Element link : summary.select("a[href]")) {
                String target = link.attr("href");
                if (!target.startsWith("#") || page.getElementById(target.substring(1)) == null) {
                    broken.add(describe(form) + ": " + target + " (" + link.text() + ")");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    private static String describe(MockHttpServletRequestBuilder form) {
        return form.buildRequest(new org.springframework.mock.web.MockServletContext()).getRequestURI();
    }
}
