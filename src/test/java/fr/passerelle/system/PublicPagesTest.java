package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.support.IntegrationTest;
import fr.passerelle.support.TestAccounts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The accessibility statement and robots.txt: public, and the statement linked from the footer of every page. */
@IntegrationTest
class PublicPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Test
    void robotsAreToldToIndexNothingWithoutSigningIn() throws Exception {
        mvc.perform(get("/robots.txt"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andExpect(content().string("User-agent: *\nDisallow: /\n"));
    }

    @Test
    void theAccessibilityStatementIsPublicAndSaysTheStatusTheKnownGapsTheContactAndTheRemedy() throws Exception {
        Document page = page(get("/accessibilite"));

        assertThat(page.selectFirst("h1").text()).isEqualTo("Déclaration d’accessibilité");
        assertThat(page.selectFirst("[data-testid=accessibility-status]").text())
                .contains("partiellement conforme", "RGAA");
        assertThat(page.text()).contains("Contenus non accessibles", "Schéma pluriannuel",
                "demander le contenu sous une autre forme", "Défenseur des droits", "Libre réponse 71120");
        assertThat(page.select("[data-testid=accessibility-contact] a[href^=mailto:]")).hasSize(1);
        assertThat(page.select("[data-testid=accessibility-remedy] a")).hasSize(2);
    }

    @Test
    void theStatementIsAlsoInEnglish() throws Exception {
        Document page = page(get("/accessibilite").param("lang", "en"));

        assertThat(page.selectFirst("h1").text()).isEqualTo("Accessibility statement");
        assertThat(footerLink(page).text()).isEqualTo("Accessibility: partially compliant");
    }

    @Test
    void theLoginPageFooterCarriesTheConformityStatusAndTheStatementLink() throws Exception {
        Element link = footerLink(page(get("/login")));

        assertThat(link.text()).isEqualTo("Accessibilité : partiellement conforme");
        assertThat(link.attr("href")).isEqualTo("/accessibilite");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRolesHomePageFooterCarriesTheStatementLink(Role role) throws Exception {
        CurrentUser principal = accounts.signedIn(accounts.create(role));

        Element link = footerLink(page(get(role.homePath()).with(user(principal))));

        assertThat(link.text()).isEqualTo("Accessibilité : partiellement conforme");
        assertThat(link.attr("href")).isEqualTo("/accessibilite");
    }

    private Document page(MockHttpServletRequestBuilder request) throws Exception {
        String html = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        return Jsoup.parse(html);
    }

    private static Element footerLink(Document page) {
        return page.selectFirst("footer [data-testid=footer-accessibility] a");
    }
}
